"""Checking a new real-voice batch before it is scored: broken, reused or copied items fail."""
from pathlib import Path

import pytest

from bot.measurement.evaluation.incoming import check

ITEM = """  - text: "{text}"
    topic: fly_tipping
    agencies: [council]
    place: null
    emergency: false
    kind: no_key_noun
    source: {source}
"""
OLD_TEXT = "the whole lane behind the garages is blocked with old sofas and black bags again this week"
NEW_TEXT = "somebody has left a pile of black sacks and a cot mattress at the bottom of our lane"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A one-item stand-in for tests/realvoice/corpus (the real one takes long to load)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "old.yml").write_text("items:\n" + ITEM.format(text=OLD_TEXT, source="https://example.org/old"))
    return folder


def _check(tmp_path: Path, corpus: Path, text: str, source: str) -> tuple[int, list[str]]:
    path = tmp_path / "batch.yml"
    path.write_text("items:\n" + ITEM.format(text=text, source=source))
    lines: list[str] = []
    return check([path], out=lines.append, folders=(corpus,)), lines


def test_a_new_item_from_a_new_source_passes(tmp_path, corpus):
    rc, lines = _check(tmp_path, corpus, NEW_TEXT, "https://example.org/new")
    assert rc == 0 and lines[0].startswith("1 items") and "fly_tipping 1" in lines[-1]


def test_a_source_already_in_the_corpus_fails_with_file_and_field(tmp_path, corpus):
    rc, lines = _check(tmp_path, corpus, NEW_TEXT, "https://example.org/old")
    assert rc == 1 and "field 'source'" in lines[0] and "old.yml" in lines[0]


def test_a_long_run_shared_with_a_corpus_item_fails(tmp_path, corpus):
    rc, lines = _check(tmp_path, corpus, "honestly " + OLD_TEXT[:60] + " and nobody came", "https://example.org/new")
    assert rc == 1 and lines[0].startswith("SHARED") and "old.yml" in lines[0]


def test_a_broken_item_fails_naming_the_field(tmp_path, corpus):
    rc, lines = _check(tmp_path, corpus, NEW_TEXT, "https://example.org/new")
    assert rc == 0
    bad = tmp_path / "bad.yml"
    bad.write_text("items:\n" + ITEM.format(text=NEW_TEXT, source="https://example.org/b").replace(
        "fly_tipping", "flytipping"))
    lines = []
    assert check([bad], out=lines.append, folders=(corpus,)) == 1 and "field 'topic'" in lines[0]
