"""Redact personal data from a message before anything stores or logs it.

    redact(text) -> str      the text, normalised (see `normalise`), personal data replaced by tags
    found(text) -> [kind]    which kinds it holds (for tests and counters; never the values)
    normalise(text) -> str   look-alike and invisible characters folded, as matching needs

Kept: the words (so the safety net and the classifier still work), a postcode's outward code (SN15),
which is all routing needs, road numbers and junctions (M4 J16, JCT 16, A303) and the short public
numbers (999, 101, 111, 18000). Removed, each replaced by a short bracketed tag so the sentence still
reads: e-mail addresses ([email]), card numbers ([card number], Luhn-valid), NHS numbers
([NHS number], modulus-11-valid), phone numbers in any country's format ([phone], found by
`phonenumbers`, Google's libphonenumber), any other run of 9+ digits ([number]), National Insurance
numbers, full dates (dates of birth), the inward part of a postcode, and vehicle registrations
([vehicle reg]) in the real UK formats only:

    current  (2001-)     AB12 CDE   area letters, age identifier 02-29 / 51-79, three letters
    prefix   (1983-2001) A123 BCD   year letter, 1-3 digits, three letters
    suffix   (1963-1983) ABC 123D   three letters, 1-3 digits, year letter
    dateless (to 1963)   ABC 123, 12 AB   only next to a word such as "reg", "plate" or "car"

A current, prefix or suffix shape whose three letters are an English word written as a word
("in BA14 and", "SN15 now", "A36 now") or a road abbreviation ("M4 JCT 16") is text, not a
registration: an outward postcode or a road followed by a word. Registrations are written in
capitals ("AB12 CDE"), so capitals count as a registration unless the whole message is in capitals.

Matching runs on normalised text: NFKC (full-width and mathematical letters and digits, exotic
spaces), every invisible format character removed (zero-width spaces and joiners, soft hyphens, bidi
controls), all decimal digits as ASCII, Cyrillic and Greek look-alikes folded to Latin inside words
that mix them with Latin letters or digits (Unicode TR39 data, `confusable_homoglyphs`), and O/l/I
read as 0/1 inside numbers ("O77OO 9OO123"). The returned text is the normalised one.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from phonenumbers import Leniency, PhoneNumberMatcher

# -- normalisation -----------------------------------------------------------------------------
# Not format characters (Cf) but shown as nothing: combining grapheme joiner, Hangul fillers,
# Khmer inherent vowels, Mongolian vowel separator, braille blank.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0\u2800")
_DOTS = frozenset("\u00b7\u3002\uff61\u30fb\u2027\u2219\u22c5")   # read as "." in e-mails


class _CharFold(dict):
    """str.translate table built on demand: only characters that change are remembered, so the
    table stays small (a few thousand entries at most) whatever characters arrive."""

    def __missing__(self, cp: int):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat in ("Co", "Cn", "Cs"):
            return None         # private use, unassigned, lone surrogates: dropped, not remembered
        if (cat[0] == "C" and ch not in "\n\t") or ch in _INVISIBLE:   # control and format
            value = None
        elif cat == "Nd":
            value = str(unicodedata.decimal(ch))
        elif cat == "Zs":
            value = " "
        elif cat in ("Zl", "Zp"):
            value = "\n"
        else:
            return cp           # unchanged: not remembered
        self[cp] = value
        return value


_FOLD = _CharFold()


@lru_cache(maxsize=1)
def _lookalikes() -> dict:
    """Non-Latin letters that look like an ASCII letter or digit (Unicode TR39 confusables, via
    confusable_homoglyphs), e.g. Cyrillic 'о' -> 'o', Greek 'Α' -> 'A'."""
    from confusable_homoglyphs import categories, confusables
    table = {}
    for ch, glyphs in confusables.confusables_data.items():
        if len(ch) != 1 or ch.isascii() or categories.alias(ch) == "LATIN":
            continue
        target = next((g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii()
                       and (g["c"].isalnum() or g["c"] in "@.-+_")), None)
        if target:
            # TR39's prototype for a capital I is "l": keep the case the writer meant
            table[ch] = "I" if target == "l" and ch.isupper() else target
    for ch in _DOTS:
        table.setdefault(ch, ".")
    return table


_MIXED_TOKEN = re.compile(r"\S*[A-Za-z0-9@]\S*")
# a token of 4+ digits and O/o/I/l with at least two real digits: "O77OO", "9OO123"
_DIGIT_LOOKALIKES = re.compile(r"(?<![A-Za-z0-9])(?=[0-9OoIl]*[0-9][0-9OoIl]*[0-9])"
                               r"(?=[0-9]*[OoIl])[0-9OoIl]{4,}(?![A-Za-z0-9])")
_DIGIT_FOLD = str.maketrans("OoIl", "0011")


def _fold_token(match: re.Match) -> str:
    token = match.group(0)
    if token.isascii():
        return token
    table = _lookalikes()
    return "".join(table.get(ch, ch) for ch in token)


def normalise(text: str) -> str:
    """Text as matching needs it (see the module docstring). Idempotent; ASCII text without
    control characters comes back unchanged except for O/l/I inside numbers."""
    if not text:
        return text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
        text = _MIXED_TOKEN.sub(_fold_token, text)
    elif not text.isprintable():           # ASCII control characters
        text = text.translate(_FOLD)
    if "O" in text or "o" in text or "I" in text or "l" in text:
        text = _DIGIT_LOOKALIKES.sub(lambda m: m.group(0).translate(_DIGIT_FOLD), text)
    return text


# -- patterns ----------------------------------------------------------------------------------
_SEP = r"[ \t\-.]?"
_AT, _DOT = r"(?:@|[\[(]\s?at\s?[\])])", r"(?:\.|\s?[\[(]\s?dot\s?[\])]\s?)"   # jo [at] x (dot) com
_EMAIL = re.compile(rf"[\w.+-]+\s?{_AT}\s?[\w-]+(?:{_DOT}[\w-]+)+", re.I)
_CARD = re.compile(r"(?<!\d)(?:\d" + _SEP + r"){12,18}\d(?!\d)")
_NHS = re.compile(r"(?<!\d)\d{3}" + _SEP + r"\d{3}" + _SEP + r"\d{4}(?!\d)")
_LONG_NUMBER = re.compile(r"(?<![\d\w])\+?(?:\d[ \t\-.]{0,2}){8,}\d(?!\d)")
_NI = re.compile(r"\b[A-Z]{2}" + _SEP + r"\d{2}" + _SEP + r"\d{2}" + _SEP + r"\d{2}" + _SEP
                 + r"[A-D]\b", re.I)
_DATES = [re.compile(r"(?<![\d/.\-])\b\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}\b(?![/.\-]\d)"),
          re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
                     r"nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}\b", re.I)]
# A full postcode keeps its outward code (SN15 3BX -> SN15).
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.I)
MIN_PHONE_DIGITS = 7           # fewer is a year, a house or road number, 999, 101, 18000
_DIGIT = re.compile(r"\d")

# Vehicle registrations (DVLA formats). I and Q are never used; Z only in the random letters.
_R = "A-HJ-PR-Y"          # letters used in area codes and serials
_YEAR = "A-HJ-NPR-TV-Y"   # prefix/suffix year letters: no I, O, Q, U, Z
_REG_CURRENT = re.compile(rf"\b(?P<lead>[{_R}]{{2}}(?:0[2-9]|[12]\d|5[1-9]|[67]\d))\s?"
                          rf"(?P<letters>[A-HJ-PR-Z]{{3}})\b", re.I)
_REG_PREFIX = re.compile(rf"\b(?P<lead>[{_YEAR}][1-9]\d{{0,2}})\s?(?P<letters>[A-HJ-PR-Z]{{3}})\b",
                         re.I)
_REG_SUFFIX = re.compile(rf"\b(?P<letters>[A-HJ-PR-Z]{{3}})\s?(?P<lead>[1-9]\d{{0,2}}[{_YEAR}])\b",
                         re.I)
_REG_DATELESS = re.compile(rf"\b(?:[{_R}]{{1,3}} ?[1-9]\d{{0,3}}|[1-9]\d{{0,3}} ?[{_R}]{{1,3}})\b")
_VEHICLE_BEFORE = re.compile(
    r"\b(?:(?:reg|registration|plate|plates|numberplate|index)(?:\W+\w+){0,3}"
    r"|(?:car|van|lorry|truck|vehicle|motorbike|motorcycle|taxi|minibus|caravan|trailer)(?:\W+\w+)?)"
    r"\W+$", re.I)
_ROAD = re.compile(r"^[AMB]\d{1,4}$", re.I)
_JUNCTION = re.compile(r"^J ?\d{1,3}$", re.I)
_OUTWARD = re.compile(r"^[A-Z]{1,2}\s?\d{1,2}$", re.I)
ROAD_WORDS = frozenset({"jct", "jcn", "jnc", "jun", "jnct", "rbt", "nbd", "sbd", "ebd", "wbd"})
_TAG = re.compile(r"\[(?:email|card number|NHS number|phone|number|NI number|date|vehicle reg)\]")


def _is_english(word: str) -> bool:
    """An English word (lower case): spaCy's stop words (and, now, its, was...) or an inflected or
    base form from spacy-lookups-data (the safety net's own list, shared: not copied)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from bot.understanding.safety import known_words
    return word in STOP_WORDS or word in known_words()


@lru_cache(maxsize=1)
def _local_districts() -> frozenset:
    """The postcode districts the directory knows (SN15, BA14...): a district followed by a word
    in capitals ("SN15 NOW") is still a place."""
    from bot.directory import default_directory
    return frozenset(code.upper() for code in default_directory().districts)


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _after_vehicle_word(text: str, start: int) -> bool:
    return bool(_VEHICLE_BEFORE.search(text, max(0, start - 60), start))


def _is_text_not_reg(match: re.Match, text: str) -> bool:
    """A registration shape that is really a postcode district or road followed by a word."""
    lead, letters = match.group("lead"), match.group("letters")
    low = letters.lower()
    if low in ROAD_WORDS:
        return True                          # M4 JCT 16
    if not _is_english(low):
        return False                         # AB12 CDE
    if not letters.isupper():
        return True                          # BA14 and, SN15 now, A36 now
    # In capitals, as registrations are written: a registration after "car", "reg"...; a place or
    # road otherwise if the lead is one (SN15 NOW, A36 NOW) or the whole message is in capitals.
    shouting = _shouting(text)
    if _after_vehicle_word(text, match.start()) and not shouting:
        return False
    local = _ROAD.match(lead) or lead.upper().replace(" ", "") in _local_districts()
    return bool(local or shouting)


def _regs(text: str) -> str:
    def shaped(match: re.Match) -> str:
        return match.group(0) if _is_text_not_reg(match, text) else "[vehicle reg]"

    for pattern in (_REG_CURRENT, _REG_PREFIX, _REG_SUFFIX):
        text = pattern.sub(shaped, text)

    def dateless(match: re.Match) -> str:
        value = match.group(0)
        if _ROAD.match(value.replace(" ", "")) or _JUNCTION.match(value) or _OUTWARD.match(value) \
                or not _after_vehicle_word(text, match.start()):
            return value
        return "[vehicle reg]"

    return _REG_DATELESS.sub(dateless, text)


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _nhs_valid(digits: str) -> bool:
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _checked(pattern: re.Pattern, valid, tag: str):
    def sub(text: str) -> str:
        return pattern.sub(lambda m: tag if valid("".join(_DIGIT.findall(m.group(0))))
                           else m.group(0), text)
    return sub


def _phones(text: str) -> str:
    """Phone numbers in any format libphonenumber accepts as possible (UK by default, any country
    with +CC or 00CC), with at least MIN_PHONE_DIGITS digits."""
    for _ in range(3):      # again on what is left: the matcher may leave a number beside another
        if len(_DIGIT.findall(text)) < MIN_PHONE_DIGITS:
            return text
        spans = [(m.start, m.end) for m in PhoneNumberMatcher(text, "GB", max_tries=10_000,
                                                              leniency=Leniency.POSSIBLE)
                 if len(_DIGIT.findall(m.raw_string)) >= MIN_PHONE_DIGITS]
        if not spans:
            return text
        for start, end in reversed(spans):
            text = text[:start] + "[phone]" + text[end:]
    return text


def _sub(pattern: re.Pattern, tag: str):
    return lambda text: pattern.sub(tag, text)


def _dates(text: str) -> str:
    def numeric(match: re.Match) -> str:
        a, b = (int(x) for x in re.split(r"[/.\-]", match.group(0))[:2])
        real = (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)
        return "[date]" if real else match.group(0)
    text = _DATES[0].sub(numeric, text)
    return _DATES[1].sub("[date]", text)


# order matters: long digit runs first, so a card is not half-eaten as a phone number
_STEPS = [
    ("email", _sub(_EMAIL, "[email]")),
    ("card", _checked(_CARD, _luhn, "[card number]")),
    ("nhs", _checked(_NHS, _nhs_valid, "[NHS number]")),
    ("date", _dates),
    ("phone", _phones),
    ("number", _sub(_LONG_NUMBER, "[number]")),
    ("ni", _sub(_NI, "[NI number]")),
    ("reg", _regs),
]


def _once(text: str) -> str:
    text = _POSTCODE.sub(lambda m: m.group(1).upper(), text)
    for _kind, step in _STEPS:
        text = step(text)
    return text


def redact(text: str) -> str:
    """The normalised text with personal data replaced by tags (module docstring). Idempotent:
    when a pass changed something, what is left beside a tag may read differently
    ("[number]---0900123"), so it looks again until nothing changes (a text without personal
    data is read once)."""
    if not text:
        return text
    text = normalise(text)
    for _ in range(4):
        after = _once(text)
        if after == text:
            break
        text = after
    return text


def found(text: str) -> list:
    """Which kinds of personal data the text holds (for tests and counters; never the values)."""
    text = normalise(text or "")
    kinds = []
    for kind, step in _STEPS:
        after = step(text)
        if after != text:
            kinds.append(kind)
            text = after
    if _POSTCODE.search(text):
        kinds.append("postcode")
    return kinds


def warm() -> None:
    """Load the tables now (start-up) rather than on the first message that needs them."""
    _lookalikes()
    _is_english("and")
    _local_districts()
    redact("call 07700 900123 or +48 601 234 567")


def without_tags(text: str) -> str:
    """The text with redaction tags taken out (to ask whether any words are left)."""
    return _TAG.sub(" ", text or "")

