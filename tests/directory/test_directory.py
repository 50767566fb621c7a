"""The directory loads, and broken files fail fast naming file, line, entry and field."""
import shutil

import pytest

from bot.directory import COUNCILS, DirectoryFileError, default_directory, load_directory
from bot.directory.loader import DEFAULT_DIR

REQUIRED_AGENCIES = {"police_999", "police_report", "npt", "wiltshire_council",
                     "swindon_borough_council", "report_fraud", "crimestoppers", "rspca", "dvla",
                     "national_highways", "environment_agency", "citizens_advice", "victim_support",
                     "domestic_abuse_support", "mental_health_crisis", "housing_association",
                     "community_messenger"}


def intents_from_domain():
    import yaml
    return yaml.safe_load((DEFAULT_DIR.parent.parent / "domain.yml").read_text())["intents"]


def test_shipped_directory_loads_with_required_agencies():
    d = default_directory()
    assert REQUIRED_AGENCIES <= set(d.agencies)
    assert len(d.places) > 150 and len(d.districts) > 25


def test_every_topic_intent_has_a_topic():
    d = default_directory()
    not_topics = {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge",
                  "human_handoff", "inform_place", "out_of_scope", "danger_followup"}
    assert {i for i in intents_from_domain() if i not in not_topics} == set(d.topics)


def test_every_fact_has_a_source_and_date():
    for agency in default_directory().agencies.values():
        contacts = [agency.contact, *agency.services.values()]
        for fact in (f for c in contacts for f in c.facts()):
            assert fact.source.startswith("http"), (agency.id, fact)
            assert len(fact.checked) == 10


@pytest.fixture()
def copy_dir(tmp_path):
    for name in ("agencies.yml", "topics.yml", "places.yml"):
        shutil.copy(DEFAULT_DIR / name, tmp_path / name)
    return tmp_path


def test_bad_phone_number_names_file_line_entry_and_field(copy_dir):
    f = copy_dir / "agencies.yml"
    text = f.read_text()
    line_no = next(i for i, ln in enumerate(text.splitlines(), 1) if "number:" in ln and "101" in ln)
    lines = text.splitlines()
    lines[line_no - 1] = lines[line_no - 1].replace("101", "call us", 1)
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(DirectoryFileError) as err:
        load_directory(copy_dir)
    assert err.value.file.endswith("agencies.yml")
    assert err.value.line == line_no
    assert err.value.field == "phones.number"
    assert "agencies.yml" in str(err.value) and f"line {line_no}" in str(err.value)


def test_missing_source_is_refused(copy_dir):
    f = copy_dir / "agencies.yml"
    text = f.read_text()
    i = text.index("source:")
    end = text.index("\n", i)
    f.write_text(text[:i] + "note: removed" + text[end:])
    with pytest.raises(DirectoryFileError) as err:
        load_directory(copy_dir)
    assert err.value.field == "source"


def test_future_checked_date_is_refused(copy_dir):
    f = copy_dir / "agencies.yml"
    text = f.read_text()
    import re
    f.write_text(re.sub(r"checked: \d{4}-\d\d-\d\d", "checked: 2999-01-01", text, count=1))
    with pytest.raises(DirectoryFileError, match="future"):
        load_directory(copy_dir)


def test_unknown_agency_in_topic_is_refused(copy_dir):
    f = copy_dir / "topics.yml"
    text = f.read_text()
    i = text.index("\n    agency:") + 5
    end = text.index("\n", i)
    f.write_text(text[:i] + "agency: ministry_of_magic" + text[end:])
    with pytest.raises(DirectoryFileError) as err:
        load_directory(copy_dir)
    assert err.value.file.endswith("topics.yml") and err.value.field == "agency"
    assert "ministry_of_magic" in str(err.value)


def test_invalid_yaml_names_the_line(copy_dir):
    f = copy_dir / "places.yml"
    f.write_text(f.read_text() + "\n  - {name: [unclosed\n")
    with pytest.raises(DirectoryFileError) as err:
        load_directory(copy_dir)
    assert err.value.file.endswith("places.yml") and err.value.line


def test_place_with_unknown_area_is_refused(copy_dir):
    import re
    f = copy_dir / "places.yml"
    text = f.read_text()
    start = text.index("\nplaces:")
    m = re.compile(r"area: ([a-z_]+)").search(text, start)
    f.write_text(text[:m.start()] + "area: atlantis" + text[m.end():])
    with pytest.raises(DirectoryFileError, match="atlantis") as err:
        load_directory(copy_dir)
    assert err.value.field == "area" and err.value.line == text[:m.start()].count("\n") + 1


def test_duplicate_key_is_refused(copy_dir):
    f = copy_dir / "agencies.yml"
    text = f.read_text()
    f.write_text(text.replace("agencies:\n", "agencies:\n  rspca:\n    name: x\n", 1))
    with pytest.raises(DirectoryFileError):
        load_directory(copy_dir)


def test_councils_have_names():
    d = default_directory()
    assert set(d.council_names) == set(COUNCILS)


def test_home_page_without_a_link_note_is_refused(copy_dir):
    """A topic routed to a body whose only link is its front page must say why (link_note)."""
    f = copy_dir / "agencies.yml"
    text = f.read_text()
    i = text.index("  crimestoppers:")
    start = text.index("    link_note:", i)
    end = text.index("    notes:", start)
    f.write_text(text[:start] + text[end:])   # crimestoppers: a phone, no link, no note
    with pytest.raises(DirectoryFileError, match="crimestoppers") as err:
        load_directory(copy_dir)
    assert err.value.file.endswith("topics.yml") and "link_note" in str(err.value)


def test_every_route_links_a_page_for_the_problem_or_says_why_not():
    from bot.directory.loader import is_home_page
    d = default_directory()
    for topic in d.topics.values():
        targets = [(topic.agency, topic.service)] + [(r.agency, r.service) for r in topic.rules]
        for agency, service in targets:
            for a in (COUNCILS if agency == "council" else (agency,)):
                c = d.agency(a).contact_for(service)
                assert (c.web and not is_home_page(c.web[0].value)) or c.link_note, (topic.id, a)


def test_new_topics_carry_sourced_contacts():
    """Each topic added with the real-voice work answers with at least one sourced phone or link."""
    d = default_directory()
    new = ["motorway", "wild_animal", "consumer", "victim_support", "council_housing",
           "private_renting", "bonfire_smoke", "pests", "play_area", "trees_grass", "needles",
           "missed_bin", "encampment", "planning", "pollution", "railway", "vehicle_licensing"]
    for tid in new:
        t = d.topics[tid]
        for a in (COUNCILS if t.agency == "council" else (t.agency,)):
            c = d.agency(a).contact_for(t.service)
            facts = c.phones + c.web
            assert facts and all(f.source.startswith("http") and f.checked for f in facts), tid


def test_out_of_scope_section_loads_with_hints():
    oos = default_directory().out_of_scope
    assert "not one for the police or the council" in oos.answer
    assert oos.default.say and len(oos.hints) >= 3
    assert all(h.when_any for h in oos.hints)


def test_out_of_scope_hint_that_gives_a_number_needs_its_source(copy_dir):
    """A number in a hint's text is a fact: without a source (or with a future check date) the file
    is refused, naming the hint and the field."""
    f = copy_dir / "topics.yml"
    text = f.read_text()
    src = "      source: https://www.energynetworks.org/newsroom/power-cut-emergency-number-reaches-fifth-birthday\n"
    assert src in text
    f.write_text(text.replace(src, "", 1))
    with pytest.raises(DirectoryFileError, match="is required") as err:
        load_directory(copy_dir)
    assert err.value.field == "source" and "hints[0]" in str(err.value)
    f.write_text(text.replace("checked: 2026-12-01", "checked: 2999-01-01", 1))
    with pytest.raises(DirectoryFileError, match="future"):
        load_directory(copy_dir)
    # a number in the opening line counts too
    opening = '      say: "Opening times are best checked'
    assert opening in text
    f.write_text(text.replace(opening, '      answer: "Call 105 first."\n' + opening, 1))
    with pytest.raises(DirectoryFileError, match="is required") as err:
        load_directory(copy_dir)
    assert err.value.field == "source"
    hints = default_directory().out_of_scope.hints
    assert all(h.source.startswith("https://") and h.checked
               for h in hints if any(c.isdigit() for c in h.say))


def test_out_of_scope_hint_with_unknown_agency_is_refused(copy_dir):
    f = copy_dir / "topics.yml"
    text = f.read_text()
    f.write_text(text.replace("agencies: [citizens_advice]", "agencies: [ministry_of_magic]", 1))
    with pytest.raises(DirectoryFileError, match="ministry_of_magic") as err:
        load_directory(copy_dir)
    assert err.value.field == "agencies"


def test_rule_with_an_empty_and_any_is_refused(copy_dir):
    f = copy_dir / "topics.yml"
    text = f.read_text()
    line = "        and_any: [m4, motorway, a303, a36, a419, a417, a34, trunk road]\n"
    assert line in text
    f.write_text(text.replace(line, "        and_any: []\n", 1))
    with pytest.raises(DirectoryFileError) as err:
        load_directory(copy_dir)
    assert err.value.file.endswith("topics.yml") and err.value.field == "and_any"
    assert "at least one" in str(err.value)


def test_a_999_rule_takes_no_and_any(copy_dir):
    f = copy_dir / "topics.yml"
    text = f.read_text()
    i = text.index("        agency: police_999\n")
    f.write_text(text[:i] + "        and_any: [m4]\n" + text[i:])
    with pytest.raises(DirectoryFileError) as err:
        load_directory(copy_dir)
    assert err.value.field == "and_any" and "999" in str(err.value)


@pytest.mark.parametrize("text,topic,agency", [
    # a dead animal on a trunk road is National Highways'; on a local road with a longer number, the council's
    ("there's been a dead deer on the verge of the A36 for days", "litter_bins", "national_highways"),
    ("dead badger in the road on the A36 near Codford", "wild_animal", "national_highways"),
    ("dead badger in the road on the A360 near Tilshead", "wild_animal", "wiltshire_council"),
    ("dead fox outside the school in Calne", "wild_animal", "wiltshire_council"),
    # road numbers are whole: "a34" is not the A342, "a36" not the A361
    ("injured deer by the side of the a361", "wild_animal", "rspca"),
    ("pothole on the a342 by Andover road", "road_defect", "wiltshire_council"),
])
def test_rule_phrases_and_road_numbers(text, topic, agency):
    from bot.conversation.routing import route
    assert route(default_directory(), topic, text, council="wiltshire_council").agency == agency
