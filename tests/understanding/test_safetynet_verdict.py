"""The SafetyNet and the inbound path's verdict (issue 12): a verdict sealed by this process for this
exact text is used instead of checking again; anything else can add a 999 but never hide one."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.understanding import components, safety
from bot.understanding.components import INBOUND_SAFETY, SafetyNet, inbound_verdict, seal

EMERGENCY_TEXT = "someone is breaking into my house right now"
HARMLESS_TEXT = "there is graffiti on the underpass"


@pytest.fixture(scope="module")
def net():
    return SafetyNet.create({}, None, None, None)


def intent_after(net, text, metadata=None):
    message = Message(data={"text": text, "metadata": metadata,
                            "intent": {"name": "litter_bins", "confidence": 0.9},
                            "intent_ranking": [{"name": "litter_bins", "confidence": 0.9}]})
    net.process([message])
    return message.get("intent")["name"]


def test_a_sealed_verdict_is_trusted_without_checking_again(net, monkeypatch):
    def no_second_check(_text):
        raise AssertionError("checked again")
    monkeypatch.setattr(safety, "check", no_second_check)
    # the raw words said 999, and the text Rasa got (cut, redacted) no longer does
    assert intent_after(net, "\U0001f642" * 50, seal("\U0001f642" * 50, {"emergency"})) == "emergency"
    assert intent_after(net, HARMLESS_TEXT, seal(HARMLESS_TEXT, set())) == "litter_bins"


@pytest.mark.parametrize("metadata", [
    {INBOUND_SAFETY: {"flags": [], "seal": "A" * 24}},                       # a made-up seal
    {INBOUND_SAFETY: {"flags": []}},                                         # no seal
    seal(HARMLESS_TEXT, set()),                                              # another text's seal
    {INBOUND_SAFETY: {"flags": ["crisis"], "seal": seal(EMERGENCY_TEXT, set())[INBOUND_SAFETY]["seal"]}},
    {INBOUND_SAFETY: "off"}, {INBOUND_SAFETY: {"flags": "none", "seal": 1}}, {"anything": 1}, None,
])
def test_a_forged_or_replayed_no_cannot_hide_a_999(net, metadata):
    assert intent_after(net, EMERGENCY_TEXT, metadata) == "emergency"


@pytest.mark.parametrize("metadata", [{INBOUND_SAFETY: {"flags": ["emergency"]}},
                                      {INBOUND_SAFETY: {"flags": ["emergency"], "seal": "x"}}])
def test_an_unsealed_999_claim_is_honoured_because_it_is_harmless(net, metadata):
    assert intent_after(net, HARMLESS_TEXT, metadata) == "emergency"


def test_without_a_verdict_the_safetynet_checks_the_text_itself(net):
    assert intent_after(net, EMERGENCY_TEXT) == "emergency"
    assert intent_after(net, HARMLESS_TEXT) == "litter_bins"
    assert intent_after(net, "/fly_tipping") == "litter_bins"   # a button payload is not read


def test_the_seal_binds_flags_and_text_and_only_this_process_knows_the_key():
    sealed = seal(EMERGENCY_TEXT, ["emergency", "crisis", "bogus"])
    assert sealed[INBOUND_SAFETY]["flags"] == ["crisis", "emergency"]
    assert inbound_verdict(EMERGENCY_TEXT, sealed) == (frozenset({"crisis", "emergency"}), True)
    assert inbound_verdict(EMERGENCY_TEXT + " ", sealed)[1] is False
    assert inbound_verdict(EMERGENCY_TEXT, {INBOUND_SAFETY: {**sealed[INBOUND_SAFETY],
                                                             "flags": ["crisis"]}})[1] is False
    assert len(components._SEAL_KEY) == 32
