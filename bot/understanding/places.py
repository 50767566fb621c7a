"""Where is it? Text, place names (with typos) and postcodes -> council and policing area."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.directory import OUTSIDE, Directory, Place, default_directory
from bot.understanding.textnorm import allowed_typos, edit_distance, normalise, words

POSTCODE_RE = re.compile(r"\b([a-z]{1,2}[0-9][0-9a-z]?)\s*([0-9][a-z]{2})?\b", re.I)
_FILLER = {"in", "at", "near", "its", "it's", "it", "is", "the", "of", "on", "from", "by", "to",
           "please", "i", "live", "im", "i'm", "area", "town", "village", "centre", "center",
           "a", "and", "ok", "okay", "yes", "just", "outside", "round", "around", "here", "postcode",
           "my", "we", "are", "thanks", "thank", "you", "er", "um", "uh", "so", "over", "up"}

# Words before an ambiguous name (Bath, Reading, Box, Holt) that make it a place or a thing.
_PLACE_PREPOSITION = re.compile(r"\b(in|near|from|to|at|around|outside|towards|by|nr|of|visiting|"
                                r"live|living|lives|moved)$", re.I)
_THING_DETERMINER = re.compile(r"\b(the|a|an|my|your|his|her|our|their|this|that|some|was|were|been|"
                               r"am|is|are|be|i|i'm|she|he|they|we|you)$", re.I)

FOUND, SPLIT, OUT_OF_AREA, UNKNOWN = "found", "split", "outside", "unknown"


@dataclass(frozen=True)
class Resolution:
    status: str                       # FOUND, SPLIT, OUT_OF_AREA or UNKNOWN
    name: str = ""                    # the place or district as we will say it back
    council: str | None = None
    area: str | None = None
    county: str | None = None
    district: str | None = None    # outward code, never the full postcode
    options: tuple = field(default_factory=tuple)  # for SPLIT: places to choose from
    exact: bool = True                # False when matched through a typo


class Gazetteer:
    """Fast look-ups over places.yml: exact names and aliases, n-grams, fuzzy matching."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.by_label: dict[str, Place] = {}
        for place in directory.places:
            for label in (place.name, *place.aliases):
                self.by_label[normalise(label).replace("-", " ")] = place
        self.max_words = max(len(label.split()) for label in self.by_label)
        self.fuzzy_labels = [(label, place) for label, place in self.by_label.items()
                             if not place.ambiguous and len(label) >= 5]
        # cached per gazetteer (a cache on the method would be shared and keep every instance alive)
        self._fuzzy = lru_cache(maxsize=2048)(self._fuzzy_search)

    # -- postcodes ---------------------------------------------------------------------------
    def find_district(self, text: str) -> tuple[str | None, bool]:
        """The first known postcode district in the text, and whether a full postcode was given."""
        for match in POSTCODE_RE.finditer(text):
            code = match.group(1).upper()
            if code in self.directory.districts:
                return code, bool(match.group(2))
        return None, False

    # -- names ------------------------------------------------------------------------------
    def find_place(self, text: str) -> tuple[Place | None, bool]:
        """The longest place name in the text (exact first, then with a typo)."""
        raw_words = words(normalise(text).replace("-", " "))
        short = len([w for w in raw_words if w not in _FILLER]) <= 3
        for n in range(min(self.max_words, len(raw_words)), 0, -1):
            for i in range(len(raw_words) - n + 1):
                place = self.by_label.get(" ".join(raw_words[i:i + n]))
                if place and (not place.ambiguous or self._as_place(text, place.name, short)):
                    return place, True
        content = [w for w in raw_words if w not in _FILLER]
        if not content or len(content) > 6:
            return None, False
        for n in range(min(3, len(content)), 0, -1):
            for i in range(len(content) - n + 1):
                gram = " ".join(content[i:i + n])
                place = self._fuzzy(gram)
                if place:
                    return place, False
        return None, False

    @staticmethod
    def _as_place(text: str, name: str, short: bool) -> bool:
        """An ambiguous name used as a place: capitalised inside a sentence ("we moved to Holt last
        year"), after a preposition in any case ("im in bath"), or alone in a short answer ("box");
        never after a determiner ("under the bath", "a man in a box") or only capitalised because
        it starts a sentence ("Reading the paper this morning ...")."""
        for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.I):
            before = text[:m.start()].rstrip()
            if _THING_DETERMINER.search(before):
                continue
            if short or _PLACE_PREPOSITION.search(before) or \
                    (m.group() == name and before and before[-1] not in ".!?\"'("):
                return True
        return False

    def _fuzzy_search(self, gram: str) -> Place | None:
        if len(gram) < 5:
            return None
        budget = allowed_typos(gram)
        best, best_d = None, budget + 1
        for label, place in self.fuzzy_labels:
            if label[0] != gram[0]:
                continue
            d = edit_distance(gram, label, budget)
            if d < best_d:
                best, best_d = place, d
        return best

    # -- both -------------------------------------------------------------------------------
    def resolve(self, text: str) -> Resolution:
        district, _full = self.find_district(text)
        place, exact = self.find_place(text)
        if district:
            d = self.directory.districts[district]
            if d.split:
                if place and place.name in d.split:
                    return self._from_place(place, exact, district)
                return Resolution(SPLIT, name=district, district=district, options=d.split)
            if d.council == OUTSIDE:
                return Resolution(OUT_OF_AREA, name=district, county=d.county, district=district)
            if place and place.council == d.council:
                return self._from_place(place, exact, district)
            return Resolution(FOUND, name=district, council=d.council, area=d.area,
                              district=district)
        if place:
            return self._from_place(place, exact, None)
        return Resolution(UNKNOWN)

    @staticmethod
    def _from_place(place: Place, exact: bool, district: str | None) -> Resolution:
        if place.council == OUTSIDE:
            return Resolution(OUT_OF_AREA, name=place.name, county=place.county,
                              district=district, exact=exact)
        return Resolution(FOUND, name=place.name, council=place.council, area=place.area,
                          district=district, exact=exact)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer(default_directory())
