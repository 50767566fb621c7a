"""The real-voice corpus: valid, split by source, and its train split is what Rasa trains on."""
from pathlib import Path

import pytest

from bot.measurement.evaluation.corpus import (
    ROOT,
    CorpusError,
    Item,
    held_out_in_training,
    load,
    nlu_yaml,
    split_of,
)


def test_corpus_is_valid_and_big_enough():
    items = load()
    assert len(items) >= 600
    assert sum(i.emergency for i in items) >= 80
    assert len({i.source for i in items}) == len(items)  # one item per source page


def test_split_is_by_source_and_test_part_is_sizeable():
    items = load()
    assert all(i.split == split_of(i.source) for i in items)
    test = [i for i in items if i.split == "test"]
    assert len(test) >= 100 and sum(i.emergency for i in test) >= 20


def test_rasa_trains_on_exactly_the_train_split():
    expected = nlu_yaml([i for i in load() if i.split == "train"])
    assert (ROOT / "data" / "realvoice.yml").read_text() == expected, "run `make corpus`"


def test_a_held_out_heading_inside_a_train_item_is_found():
    # the tenth session's CI: a dev heading was the start of a newer train heading
    def item(text: str, split: str) -> Item:
        source = next(url for url in (f"https://a.example/{n}" for n in range(100)) if split_of(url) == split)
        return Item(text=text, topic="abandoned_vehicle", agencies=("council",), place=None, emergency=False,
                    kind="heading", source=source, file="x.yml", line=1)
    held = item("Report an abandoned  vehicle", "dev")
    trained = item("Report an abandoned vehicle - what counts", "train")
    assert held_out_in_training([held, trained], nlu_yaml([trained])) == [held]
    assert held_out_in_training([held], nlu_yaml([item("Abandoned car: who to tell", "train")])) == []


def test_no_dev_or_test_text_is_trained_on():
    training = (ROOT / "data" / "nlu.yml").read_text() + (ROOT / "data" / "realvoice.yml").read_text()
    leaked = [i.text for i in held_out_in_training(load(), training)]
    assert not leaked


def test_the_same_text_twice_is_refused_naming_both_places(tmp_path: Path):
    # a heading written twice from two sources could land in train and test (ninth session's CI)
    item = ("  - text: {text}\n    topic: noise\n    agencies: [council]\n    place: null\n"
            "    emergency: false\n    kind: heading\n    source: https://a.example/{n}\n")
    (tmp_path / "a.yml").write_text("items:\n" + item.format(text="Who deals with noise?", n=1))
    (tmp_path / "b.yml").write_text("items:\n" + item.format(text="who deals with NOISE", n=2))
    with pytest.raises(CorpusError) as err:
        load(tmp_path)
    assert "b.yml:2" in str(err.value) and "field 'text'" in str(err.value) and "a.yml:2" in str(err.value)


@pytest.mark.parametrize("body, field", [
    ("items:\n  - text: hi\n    topic: nope\n    agencies: [council]\n    place: null\n"
     "    emergency: false\n    kind: question\n    source: https://a.example/1\n", "topic"),
    ("items:\n  - text: hi\n    topic: noise\n    agencies: [mi5]\n    place: null\n"
     "    emergency: false\n    kind: question\n    source: https://a.example/1\n", "agencies"),
    ("items:\n  - text: hi\n    topic: noise\n    agencies: [council]\n    place: Calne\n"
     "    emergency: false\n    kind: question\n    source: https://a.example/1\n", "place"),
    ("items:\n  - text: hi\n    topic: emergency\n    agencies: [council]\n    place: null\n"
     "    emergency: true\n    kind: panic\n    source: https://a.example/1\n", "agencies"),
    ("items:\n  - text: hi\n    topic: noise\n    agencies: [council]\n    place: null\n"
     "    emergency: false\n    kind: question\n", "source"),
])
def test_a_broken_item_names_file_line_and_field(tmp_path: Path, body: str, field: str):
    (tmp_path / "broken.yml").write_text(body)
    with pytest.raises(CorpusError) as err:
        load(tmp_path)
    assert "broken.yml:" in str(err.value) and f"field '{field}'" in str(err.value)


def test_a_source_used_twice_is_refused(tmp_path: Path):
    item = ("  - text: hi there\n    topic: noise\n    agencies: [council]\n    place: null\n"
            "    emergency: false\n    kind: question\n    source: https://a.example/1\n")
    (tmp_path / "a.yml").write_text("items:\n" + item + item)
    with pytest.raises(CorpusError, match="already used"):
        load(tmp_path)


@pytest.mark.parametrize("first, second", [
    ("https://www.example.org/forum/123/", "http://example.org/forum/123"),
    ("https://Example.org/a?id=4", "https://www.example.org/a/?id=4"),
    ("https://example.org/a#reply-2", "https://example.org/a"),
])
def test_one_page_under_two_addresses_is_one_source(tmp_path: Path, first: str, second: str):
    def item(text: str, source: str) -> str:
        return (f"  - text: {text}\n    topic: noise\n    agencies: [council]\n    place: null\n"
                f"    emergency: false\n    kind: question\n    source: {source}\n")
    (tmp_path / "a.yml").write_text("items:\n" + item("loud music again", first))
    (tmp_path / "b.yml").write_text("items:\n" + item("the dog next door", second))
    with pytest.raises(CorpusError, match="already used in a.yml"):
        load(tmp_path)


def test_different_pages_of_one_site_are_different_sources(tmp_path: Path):
    items = "".join(f"  - text: message {n}\n    topic: noise\n    agencies: [council]\n    place: null\n"
                    f"    emergency: false\n    kind: question\n    source: https://example.org/a?id={n}\n"
                    for n in (1, 2))
    (tmp_path / "a.yml").write_text("items:\n" + items)
    assert len(load(tmp_path)) == 2
