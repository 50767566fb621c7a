"""The deterministic safety net: danger to life, crime in progress, crisis and abuse cues.

It runs on the raw text of every message, in memory, before any redaction or classification, inside
the Rasa server (bot.understanding.components.SafetyNet), so it works even when the action server is down. It
is deliberately keyword-and-pattern based: predictable, testable, and it errs towards 999.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.understanding.textnorm import allowed_typos, edit_distance, normalise, words

EMERGENCY, CRISIS, DOMESTIC = "emergency", "crisis", "domestic"

# Words worth correcting when misspelt ("knif", "braking in", "unconcious"). Only these are ever
# corrected, only towards a word with the same first letter, so "lighting" never becomes "fighting".
LEXICON = """
knife knives gun guns machete firearm shotgun blade axe crossbow armed weapon
stabbed stabbing shooting shot shots gunshots
breaking break broke burglar burglars intruder intruders robbing robbery mugging stealing
fighting fight attacking attacked attack assaulting beating punching kicking hitting hurting
threatening threatened following followed chasing kidnapped abducted dragging raped raping
unconscious unresponsive breathing breathe bleeding overdose overdosed drowning burning
ambulance emergency danger dangerous someone somebody outside downstairs upstairs currently
suicidal suicide myself kill killing die dying
""".split()
PROTECTED = {"attach", "attached", "attaches", "stable", "stables", "stabling", "bleeping",
             "beeping", "shoot", "shop", "shops", "short", "shut", "guns", "gone", "gum", "kin",
             "brake", "brakes", "fright", "flight", "dyeing", "dine", "dining", "bread", "breath",
             "knit", "bleed", "sitting", "fitting", "lighting", "righting", "sighting", "hunting",
             "outsider", "burning", "drawing", "drowsy", "someones", "supper", "suicides"}

# Habits and patterns ("most nights", "keeps") are not a crime in progress unless "now" is said too.
_HABITUAL = re.compile(r"\b((most|every|each) (night|day|morning|evening|week|weekend)s?|always|keeps?|"
                       r"usually|often|all the time|again and again|regularly)\b")
_NOW = re.compile(r"\b(now|right now|rn|atm|at the moment|currently|as we speak|as i type)\b")
_PRESENT = r"(now|right now|rn|atm|at the moment|currently|as we speak|as i type|still|happening|in progress|live)"
_PAST = r"\b(yesterday|last (night|week|month|year|weekend|time)|ago|earlier|this morning|the other (day|night)|was|were|had|did)\b"
_WEAPON = r"(knife|knives|gun|guns|machete|firearm|shotgun|blade|axe|crossbow|weapon|acid|bat|hammer)"
_WHO = r"(someone|somebody|a man|a woman|men|people|a guy|a group|they|he|she|burglar|burglars|intruder|intruders|thief|thieves|lads|kids|youths|my (partner|husband|wife|boyfriend|girlfriend|ex|dad|mum|son|brother|neighbour))"

# Danger to life: 999 whatever the tense.
LIFE = [
    r"\b(not|isn't|isnt|stopped) breathing\b", r"\b(can't|cant|cannot|can not) breathe\b",
    r"\bunconscious\b", r"\bunresponsive\b", r"\bbleeding (heavily|badly|a lot|loads|everywhere)\b",
    r"\b(taken|took|swallowed) (an overdose|loads of|all (my|the|of my)|a load of) ?(pills|tablets)?",
    r"\boverdosed?\b", r"\bon fire\b", r"\b(house|flat|car|building) (is )?(on fire|burning)\b",
    r"\bdrowning\b", r"\b(flames|fire) (coming|pouring|spreading)\b", r"\bsmoke (and flames )?(is )?(coming|pouring)\b",
    r"\b(crash|crashed|accident|collision)\b.*\b(not moving|isn't moving|isnt moving|trapped|injured|hurt|bleeding|unconscious|still inside|still in it|into the (canal|river|water))\b",
    r"\b(in|into) the (canal|river|water|lake)\b.*\b(still inside|trapped|can't swim|cant swim|struggling)\b", r"\b(going to|gonna|threatening to|threatened to|will|wants to|trying to) kill\b",
    r"\bkill (me|us|her|him|them|my)\b", r"\b(in|immediate) danger\b", r"\bneed (an|a) ambulance\b",
    r"\bcall (an|a) ambulance\b", r"\bscared for (my|our|her|his|their) life\b",
    r"\bfear for (my|our|her|his|their) life\b", r"\blife is in danger\b",
    r"\b(dog|dogs|puppy|baby|child) (locked |left |stuck |trapped )?in (a|the|my|his|her) (hot )?car\b.*\b(hot|heat|panting|collapsed|distress|dying|sun)\b",
    r"\b(hot|heat|panting|collapsed|distress|dying|sun)\b.*\b(dog|dogs|baby|child) (locked |left |stuck |trapped )?in (a|the) car\b",
    r"\b(serious|bad|major) (crash|accident|collision)\b", r"\b(hit|knocked down|run over) by a (car|van|lorry|vehicle)\b",
    r"\b(being|getting) (raped|stabbed|shot|kidnapped|abducted|strangled|choked)\b",
    r"\b(strangling|choking) (me|her|him)\b",
]
# Weapons in someone's hands, or shots: 999.
WEAPON = [
    rf"\b(has|have|got|holding|waving|with|carrying|pulled|brandishing|wielding|armed with)( got)? (a |an |his |her |their |some )?{_WEAPON}\b",
    r"\barmed\b", r"\b(shooting|gunshots|gun shots|shots fired|stabbing)\b",
    rf"\b{_WEAPON} (out|drawn|in (his|her|their) hand)\b",
]
# A crime or violence that is happening: 999 unless the message is clearly about the past.
IN_PROGRESS = [
    r"\b(breaking|getting|trying to get|trying to break|forcing their way|forcing his way) (in|into)\b",
    r"\b(trying|tryin|try) to (get|break|brake|climb) (in|into)\b", r"\b(brake|braking|breakin) (in|into)\b",
    r"\bkicking (in |down )?(the|my|our|their) (door|window)\b",
    r"\b(smashing|smashin)\b",
    r"\b(fighting|brawl|brawling|a fight|mass fight|punch up|punch-up)\b",
    r"\b(attacking|assaulting|beating|punching|hitting|kicking|hurting|battering|strangling) (me|us|her|him|them|someone|somebody|my|a|the)\b",
    r"\b(being|getting) (attacked|assaulted|beaten|mugged|robbed|followed|chased|threatened|stolen|broken into|nicked|taken)\b",
    r"\b(robbing|mugging|stealing|nicking|taking) (the|my|our|a|someone|somebody|cars|bikes|stuff|everything)\b",
    r"\b(following|chasing|threatening) (me|us|my)\b", r"\b(kidnapped|abducted)\b",
    r"\bdragging (her|him|someone|a)\b", r"\bsomeone (is )?in (my|our|the) (house|home|flat|garden|bedroom)\b",
]
# The offender is still close: 999 when it sits with a crime word.
NEARBY = [
    rf"\b{_WHO} (is|are|'s|'re|s|re)? ?(still )?(outside|inside|downstairs|upstairs|in the garden|in my garden|at my door|at the door|in the house)\b",
    r"\bstill (here|there|outside|inside|in the (house|area|street|garden|shop)|around|nearby|about)\b",
    r"\b(burglar|burglars|intruder|intruders)\b",
]
CRIME_WORDS = re.compile(r"\b(burglar|intruder|break|breaking|broke|stole|stolen|stealing|robbed|"
                         r"robbing|attack|attacked|assault|hit|hitting|threat|threatening|"
                         r"weapon|knife|thief|thieves|fight|fighting|smash|smashed|damage|"
                         r"kicked|punched|mugged|abuse|abusive|violent|dealing)\w*")
CRISIS_CUES = [
    r"\bkill(ing)? myself\b", r"\bend(ing)? (my|it) (life|all)\b", r"\bsuicid(e|al)\b",
    r"\bwant(s)? to die\b", r"\bself[- ]?harm(ing)?\b", r"\b(harm|hurt|cut|cutting)(ing)? (myself|herself|himself|themselves)\b",
    r"\b(don't|dont|do not) want to (be here|live|be alive)\b", r"\bno (reason|point) (to|in) liv",
    r"\btake (my|his|her|their) own life\b", r"\bjump(ing)? off (a|the) (bridge|roof|building)\b",
    r"\b(mental health|mental) crisis\b", r"\bhaving a breakdown\b",
]
DOMESTIC_CUES = [
    r"\b(my|her|his) (partner|husband|wife|boyfriend|girlfriend|ex|bf|gf|fiance|fiancee)\b.*\b(hit|hits|hitting|beat|beats|beating|hurt|hurts|hurting|slapped|punched|strangled|choked|threaten|threatens|control|controls|controlling|abuse|abuses|abusive|scared of)\w*",
    r"\bdomestic (abuse|violence)\b", r"\bcoercive control\b",
]
_COMPILED = {name: [re.compile(p) for p in pats] for name, pats in
             {"life": LIFE, "weapon": WEAPON, "in_progress": IN_PROGRESS, "nearby": NEARBY,
              "crisis": CRISIS_CUES, "domestic": DOMESTIC_CUES}.items()}
# One alternation per category: "does any pattern match?" in one scan (half the time of 63 searches).
_ANY = {name: re.compile("|".join(f"(?:{p.pattern})" for p in pats))
        for name, pats in _COMPILED.items()}
_PRESENT_RE = re.compile(rf"\b{_PRESENT}\b|\b(is|are|am|'s|'re|'m) \w+ing\b|\b\w+ing (me|us|her|him)\b")
_PAST_RE = re.compile(_PAST)


@dataclass(frozen=True)
class SafetyResult:
    level: str | None                 # EMERGENCY, CRISIS, DOMESTIC or None
    flags: frozenset = field(default_factory=frozenset)  # every level that applies
    reasons: tuple = ()               # which groups matched (for logs and tests; never text)

    @property
    def is_emergency(self) -> bool:
        return self.level == EMERGENCY


@lru_cache(maxsize=1)
def known_words() -> frozenset:
    """English words (inflected and base forms) from spacy-lookups-data: never 'corrected'."""
    import spacy_lookups_data
    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return frozenset(w.lower() for w in (*table.keys(), *table.values()) if w.isalpha())


@lru_cache(maxsize=4096)
def _correct(word: str) -> str:
    if word in PROTECTED or len(word) < 4 or word in _LEXICON_SET or word in known_words():
        return word
    budget = max(1, allowed_typos(word))
    best, best_d = word, budget + 1
    for target in LEXICON:
        # Four-letter words may only grow into longer words ("knif" -> "knife").
        if target[0] != word[0] or (len(word) == 4 and len(target) < 5):
            continue
        d = edit_distance(word, target, budget)
        if d < best_d:
            best, best_d = target, d
    return best


_LEXICON_SET = frozenset(LEXICON)


def prepare(text: str) -> str:
    """Normalised text with danger words' typos corrected, ready for the patterns."""
    return " ".join(_correct(w) for w in words(normalise(text)))


def check(text: str) -> SafetyResult:
    """Classify one raw message. Cheap (a few regexes); safe on any input."""
    prepared = prepare(text[:5000])
    hits = {name for name, pattern in _ANY.items() if pattern.search(prepared)}
    now = bool(_NOW.search(prepared))
    present = bool(_PRESENT_RE.search(prepared))
    past_only = (bool(_PAST_RE.search(prepared)) and not present) or \
        (bool(_HABITUAL.search(prepared)) and not now)
    reasons = set()
    if "life" in hits or "weapon" in hits and not past_only:
        reasons |= hits & {"life", "weapon"}
    if "in_progress" in hits and not past_only:
        reasons.add("in_progress")
    if "nearby" in hits and CRIME_WORDS.search(prepared) and not past_only:
        reasons.add("nearby")
    flags = set()
    if reasons:
        flags.add(EMERGENCY)
    if "crisis" in hits:
        flags.add(CRISIS)
    if "domestic" in hits:
        flags.add(DOMESTIC)
    level = next((lvl for lvl in (EMERGENCY, CRISIS, DOMESTIC) if lvl in flags), None)
    return SafetyResult(level=level, flags=frozenset(flags),
                        reasons=tuple(sorted(reasons | (hits & {"crisis", "domestic"}))))
