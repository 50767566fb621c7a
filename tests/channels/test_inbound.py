"""Inbound path: the 999 check on the whole raw text, neutralised slash-commands, no-word messages,
redaction, the cut, metadata validation; the safety net survives redaction."""
import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels import inbound
from bot.channels.admission import Admission, Busy
from bot.privacy import redaction as privacy
from bot.understanding import safety
from bot.understanding.components import inbound_verdict
from tests.understanding.test_safety import EMERGENCIES, NOT_EMERGENCIES


@pytest.mark.parametrize("raw,kept,gone", [
    ("call me on 07700 900123", "call me on", "07700"),
    ("my email is jo.bloggs@example.com", "my email is", "jo.bloggs"),
    ("fly tipping outside SN15 3BX", "SN15", "3BX"),
    ("car AB12 CDE parked on the pavement", "parked", "AB12 CDE"),
    ("my date of birth is 12/03/1985", "date of birth", "12/03/1985"),
    ("card number 4111 1111 1111 1111 was used", "was used", "4111"),
    ("NI number QQ123456C", "NI number", "QQ123456C"),
    ("NHS number 943 476 5919", "NHS number", "943 476"),
])
def test_personal_data_is_redacted(raw, kept, gone):
    out = privacy.redact(raw)
    assert kept in out and gone not in out


def test_emergency_numbers_and_roads_are_not_redacted():
    assert privacy.redact("call 999 or 101, on the A4 near junction 17 of the M4") == \
        "call 999 or 101, on the A4 near junction 17 of the M4"


@pytest.mark.parametrize("text", EMERGENCIES + NOT_EMERGENCIES)
def test_safety_gives_the_same_answer_after_redaction(text):
    raw = text + " call me on 07700 900123, I'm at SN1 2AB"
    assert safety.check(privacy.redact(raw)).level == safety.check(raw).level


@pytest.mark.parametrize("raw,expected", [
    ("/restart", "restart"), ('/inform{"council": "swindon_borough_council"}',
                              'inform{"council": "swindon_borough_council"}'),
    ("/session_start", "session_start"), ("/fly_tipping", "/fly_tipping"), ("/affirm", "/affirm"),
])
def test_slash_commands_are_neutralised(raw, expected):
    assert inbound.prepare(raw).text == expected


def test_empty_and_long_messages():
    assert inbound.prepare("   \n\t ").text is None
    assert inbound.prepare(None).text is None
    long = inbound.prepare("noise " * 1000)
    assert len(long.text) <= inbound.MAX_CHARS and long.notices


def test_control_characters_are_dropped():
    assert inbound.prepare("pot\x00hole\x1b[31m").text == "pothole[31m"


def test_empty_answers_become_the_101_999_apology():
    out = inbound.finish([], [])
    assert "999" in out[0]["text"] and "101" in out[0]["text"]


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_prepares_safely(raw):
    result = inbound.prepare(raw)
    assert result.text is None or 0 < len(result.text) <= inbound.MAX_CHARS + 20
    if result.text:
        assert not result.text.startswith("/") or result.text[1:] in inbound.BUTTON_INTENTS


# -- issue 12: odd input ------------------------------------------------------------------------
@pytest.mark.parametrize("raw,expected", [
    ("/ /restart", "restart"), ("/ /session_start", "session_start"), ("//restart", "restart"),
    ("/  /  / /restart", "restart"), ("\uff0frestart", "restart"), ("/\u200b/session_start",
                                                                       "session_start"),
    (" / / /session_start", "session_start"), ("/ /fly_tipping", "fly_tipping"),
    ("//fly_tipping", "fly_tipping"), ("/fly_tipping ", "/fly_tipping"),
])
def test_typed_commands_are_plain_text_however_many_slashes(raw, expected):
    assert inbound.prepare(raw).text == expected


@pytest.mark.parametrize("raw", ["/ /I need an ambulance, there is blood everywhere",
                                 "//someone is breaking in right now",
                                 "/fly_tipping someone is stabbing people",
                                 "\U0001f642" * 1100 + " someone is stabbing people right now",
                                 "the lane is a mess " * 400 + "someone is stabbing people right now"])
def test_the_verdict_is_on_the_whole_raw_text_and_sealed_to_what_rasa_gets(raw):
    prepared = inbound.prepare(raw)
    assert prepared.verdict.is_emergency
    flags, trusted = inbound_verdict(prepared.text, prepared.metadata)
    assert trusted and "emergency" in flags


@pytest.mark.parametrize("raw", ["\U0001f44d", "\U0001f642\U0001f642", "!!!", "...", "\u200b ...",
                                 "\U0001f44d\U0001f3fd \u2764\ufe0f", "07700 900123", "/ / /"])
def test_no_words_get_the_prompt_and_never_reach_rasa(raw):
    prepared = inbound.prepare(raw)
    assert prepared.text is None and prepared.notices == [inbound.NO_WORDS_NOTICE]


@pytest.mark.parametrize("value,expected", [
    ({"council": "swindon"}, {"council": "swindon"}), ({"council": "Wiltshire"}, {"council": "wiltshire"}),
    ({"council": "swindon_borough_council"}, {"council": "swindon"}), ({"council": "wilts"},
                                                                        {"council": "wiltshire"}),
    ({"council": "07700 900123"}, {}), ({"council": "jo@example.com"}, {}), ({"council": "SN15 3BX"}, {}),
    ({"council": ["swindon"]}, {}), ({"council": {"a": 1}}, {}), ({"council": 5}, {}),
    ({"council": "swindon", "name": "Jo", "signpost_safety": {"flags": []}}, {"council": "swindon"}),
    (["swindon"], {}), ("swindon", {}), (None, {}),
])
def test_metadata_holds_only_what_it_may(value, expected):
    assert inbound.check_metadata(value) == expected


def test_a_long_text_is_cut_at_a_word_and_never_inside_a_tag():
    raw = "x " * 490 + "call 07700 900123 " + "y " * 300
    text = inbound.prepare(raw).text
    assert len(text) <= inbound.MAX_CHARS and "900123" not in text
    assert text.count("[") == text.count("]")


def test_with_no_slot_an_ordinary_turn_is_refused_before_rasa_and_an_emergency_goes_first():
    """converse(admission=...): Busy before Rasa sees anything; a 999 is admitted past the limit."""
    async def scenario():
        adm = Admission(slots=1, max_wait_s=0.1, target_s=10)
        release, seen = asyncio.Event(), []

        async def rasa(message):
            seen.append(message.text)
            if message.text == "hold":
                await release.wait()
            await message.output_channel.send_text_message(message.sender_id, "answer")

        holder = asyncio.ensure_future(inbound.converse(rasa, "hold", sender_id="a",
                                                        channel="t", admission=adm))
        await asyncio.sleep(0.02)
        with pytest.raises(Busy):
            await inbound.converse(rasa, "fly tipping in Calne", sender_id="b", channel="t",
                                   admission=adm)
        urgent = await inbound.converse(rasa, "someone is stabbing people right now",
                                        sender_id="c", channel="t", admission=adm)
        release.set()
        await holder
        return seen, urgent, adm
    seen, urgent, adm = asyncio.run(scenario())
    assert seen == ["hold", "someone is stabbing people right now"]   # the refused one never
    assert urgent == [{"recipient_id": "c", "text": "answer"}]
    assert adm.urgent == 1 and adm.refused == 1 and adm.inflight == 0
