"""The project's own spaCy pipeline: lemmas from the lookup tables, places and postcodes as entities."""

import pytest
import spacy

from bot.understanding.build_pipeline import build


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    out = build(tmp_path_factory.mktemp("spacy") / "pipeline")
    return spacy.load(out)


def ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_places_and_postcodes_are_entities(nlp):
    assert ents(nlp, "fly tipping in Melksham near SN12 6AB") == [("Melksham", "place"),
                                                                  ("SN12 6AB", "place")]
    assert ents(nlp, "potholes in royal wootton bassett") == [("royal wootton bassett", "place")]
    assert ents(nlp, "noise in sn153bx") == [("sn153bx", "place")]
    assert ents(nlp, "graffiti in Bradford-on-Avon") == [("Bradford-on-Avon", "place")]


def test_ambiguous_place_names_need_a_capital(nlp):
    assert ents(nlp, "a box was left on my doorstep") == []
    assert ents(nlp, "dog mess all over Box") == [("Box", "place")]


def test_lookup_lemmas(nlp):
    assert [t.lemma_ for t in nlp("burgled houses")] == ["burgle", "house"]


def test_pipeline_is_self_contained(nlp):
    assert nlp.pipe_names == ["lemmatizer", "entity_ruler"]
    assert nlp.meta["name"] == "signpost_places"
