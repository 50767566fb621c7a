"""Money, benefits and work questions reach Citizens Advice with its sourced advice line; a trader
problem keeps the consumer helpline."""
from bot.conversation.dialogue import Conversation, State, Turn


def _answer(text: str) -> tuple[dict, str]:
    reply = Conversation().respond(Turn(text=text, intent="consumer", ranking=[("consumer", 0.9)]),
                                   State())
    routes = [m["custom"]["route"] for m in reply.messages if (m.get("custom") or {}).get("route")]
    return routes[0], "\n".join(m.get("text") or "" for m in reply.messages)


def test_a_benefit_sanction_goes_to_citizens_advice_with_the_advice_line():
    route, text = _answer("how do I challenge a universal credit sanction, I think it was unfair")
    assert route["agency"] == "citizens_advice"
    assert "money, benefits, debt, work and bills" in text
    assert "0808 278 7995" in text


def test_a_rogue_builder_still_gets_the_consumer_helpline():
    route, text = _answer("the builder took a deposit and vanished, what can we do")
    assert route["agency"] == "citizens_advice"
    assert "0808 223 1133" in text
    assert "money, benefits, debt, work and bills" not in text
