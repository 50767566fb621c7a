"""Place resolution: towns, neighbourhoods, typos, postcodes, split districts, outside the area."""
import pytest

from bot.understanding.places import FOUND, OUT_OF_AREA, SPLIT, UNKNOWN, default_gazetteer

W, S = "wiltshire_council", "swindon_borough_council"


@pytest.fixture(scope="module")
def g():
    return default_gazetteer()


@pytest.mark.parametrize("text,council", [
    ("Melksham", W), ("in trowbridge please", W), ("Salisbury", W), ("Penhill", S),
    ("west swindon", S), ("its in Old Town", S), ("Highworth", S), ("Wroughton", S),
    ("Royal Wootton Bassett", W), ("Cricklade", W), ("Purton", W), ("Bradford on Avon", W),
    ("bradford-on-avon", W), ("Swindon", S), ("chipenham", W), ("salsbury", W),
    ("Melksahm", W), ("trowbrige", W), ("swindom", S), ("the fly tipping is in Devizes", W),
])
def test_places_resolve_to_their_council(g, text, council):
    res = g.resolve(text)
    assert res.status == FOUND and res.council == council, (text, res)
    assert res.area in g.directory.areas


@pytest.mark.parametrize("text,council", [
    ("SN15 3BX", W), ("sn12", W), ("SP4 7AB", W), ("ba14", W), ("SN1 2AB", S), ("sn25", S),
    ("SN153BX", W),
])
def test_postcodes_resolve(g, text, council):
    res = g.resolve(text)
    assert res.status == FOUND and res.council == council, (text, res)
    assert res.district and " " not in res.district  # only the outward code is kept


@pytest.mark.parametrize("code", ["SN4", "SN5", "SN6", "SP5"])
def test_split_districts_ask_which_town(g, code):
    res = g.resolve(f"{code} 1AA")
    assert res.status == SPLIT and len(res.options) >= 2


def test_split_district_with_town_is_decided(g):
    assert g.resolve("SN5 purton").council == W
    assert g.resolve("West Swindon SN5").council == S


@pytest.mark.parametrize("text", ["Bath", "Frome", "Andover", "SN7 7AA", "Oxford", "bath", "reading",
                                  "we live in bath", "moved here from Reading last year and it's so noisy"])
def test_outside_the_area(g, text):
    assert g.resolve(text).status == OUT_OF_AREA


@pytest.mark.parametrize("text", ["my bins were not collected", "hello", "", "potholes everywhere",
                                  "a box was left on my doorstep",
                                  # thirteenth session: a verb or a thing, not the town or city
                                  "I was reading the local paper and it says rats are everywhere",
                                  "Reading the paper this morning about rats on the estate",
                                  "we've had them under the bath and in the kitchen cupboards for years",
                                  "had a bath this morning and the water was brown", "I need a bath",
                                  "there's a man asleep in a box by the shops"])
def test_no_place(g, text):
    assert g.resolve(text).status == UNKNOWN, text
