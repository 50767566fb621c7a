"""Build Signpost's own spaCy pipeline: blank English, lookup lemmatizer, entity ruler over places.

Nothing is downloaded: the lemma tables come from the spacy-lookups-data package and are saved into
the pipeline folder, so loading it needs no network and no extra package.

    python -m bot.understanding.build_pipeline [OUT_DIR]
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import spacy
from spacy.pipeline import EntityRuler

from bot.directory import default_directory

DEFAULT_OUT = Path("build/spacy_pipeline")
LABEL = "place"
# Outward codes of the districts we know (SN15, SP4, BA14, ...), optionally with the inward code.
_OUTWARD = r"(?i)^(sn|sp|ba|gl|rg)[0-9]{1,2}$"
_INWARD = r"(?i)^[0-9][a-z]{2}$"
_FULL = r"(?i)^(sn|sp|ba|gl|rg)[0-9]{1,2}[0-9][a-z]{2}$"


def place_patterns() -> list[dict]:
    patterns = []
    for place in default_directory().places:
        for label in (place.name, *place.aliases):
            if place.ambiguous:  # "Box", "Mere": only when written as a name
                patterns.append({"label": LABEL, "pattern": [{"TEXT": w} for w in label.split()],
                                 "id": place.name})
            else:
                patterns.append({"label": LABEL, "pattern": label, "id": place.name})
    patterns += [
        {"label": LABEL, "pattern": [{"TEXT": {"REGEX": _OUTWARD}},
                                     {"TEXT": {"REGEX": _INWARD}, "OP": "?"}], "id": "postcode"},
        {"label": LABEL, "pattern": [{"TEXT": {"REGEX": _FULL}}], "id": "postcode"},
    ]
    return patterns


def build(out: Path = DEFAULT_OUT) -> Path:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables before the ruler is added
    # add_pipe is typed as returning any Pipe; "entity_ruler" makes an EntityRuler
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER",
                                                                   "overwrite_ents": True}))
    ruler.add_patterns(place_patterns())
    nlp.meta["name"] = "signpost_places"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Signpost: blank English + lookup lemmatizer + place entity ruler"
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
    print(f"spaCy pipeline written to {path}")
