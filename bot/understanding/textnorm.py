"""Text normalisation shared by the safety check and place resolution."""
from __future__ import annotations

import re
import unicodedata

# Zero-width and bidi control characters are used to dodge keyword checks; drop them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"))
# Common look-alike letters (Cyrillic/Greek) folded to Latin.
_CONFUSABLES = str.maketrans("асеіорхуАВСЕНІКМОРТХΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "aceiopxyABCEHIKMOPTXABEHIKMNOPTXYZ")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def normalise(text: str) -> str:
    """Lower-case, NFKC-folded, look-alikes mapped, invisible characters removed, spaces squeezed."""
    text = unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE).translate(_CONFUSABLES)
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    """Word tokens of already-normalised text; runs of 3+ repeated letters are squeezed ('helppp')."""
    return [re.sub(r"(.)\1{2,}", r"\1", w) for w in _WORD.findall(text)]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), stopping early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def allowed_typos(word: str) -> int:
    return 0 if len(word) < 5 else (1 if len(word) < 9 else 2)
