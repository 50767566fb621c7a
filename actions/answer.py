"""action_answer: adapts a Rasa Tracker to bot.conversation.dialogue and the reply back to Rasa."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.analytics import record_turn
from bot.conversation.dialogue import Conversation, State, Turn
from bot.runtime import speedups

_conversation = Conversation()
LISTEN = "action_listen"
# Measured as a lever in reports/bench.md; SIGNPOST_SPEEDUPS=none turns it off.
_LISTEN_AFTER = "answer_listens" in speedups.enabled()
_SLOTS = ("place", "council", "area", "pending_topic", "asked_place", "offered", "danger_context",
          "also_topic")
PROBLEMS = "signpost_problems"   # bot.understanding.components.PROBLEMS (no Rasa import here)


def turn_from(tracker: Tracker) -> Turn:
    msg = tracker.latest_message or {}
    metadata = msg.get("metadata") or {}
    return Turn(
        text=msg.get("text") or "",
        intent=(msg.get("intent") or {}).get("name") or "",
        ranking=[(r.get("name"), r.get("confidence", 0.0)) for r in msg.get("intent_ranking") or []],
        entities=[e.get("value") for e in msg.get("entities") or []
                  if e.get("entity") == "place" and isinstance(e.get("value"), str)],
        preset_council=metadata.get("council") if isinstance(metadata, dict) else None,
        problems=[(p.get("intent"), float(p.get("confidence") or 0.0))
                  for p in msg.get(PROBLEMS) or [] if isinstance(p, dict)],
    )


def state_from(tracker: Tracker) -> State:
    state = State(**{s: tracker.get_slot(s) for s in _SLOTS})
    state.danger_context = bool(state.danger_context)  # None in trackers from before the slot
    return state


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        before = state_from(tracker)
        turn = turn_from(tracker)
        reply = _conversation.respond(turn, before)
        record_turn(reply, turn, before, tracker.get_latest_input_channel())  # anonymous, no wait
        for msg in reply.messages:
            dispatcher.utter_message(text=msg["text"], buttons=msg.get("buttons", []),
                                     json_message=msg.get("custom"))
        # An answer always ends the bot's turn (tests/test_rasa_project.py checks the rules and
        # stories agree): saying so spares Rasa a second policy run per message (reports/bench.md).
        return [SlotSet(s, getattr(reply.state, s)) for s in _SLOTS
                if getattr(reply.state, s) != getattr(before, s)] + (
                    [FollowupAction(LISTEN)] if _LISTEN_AFTER else [])
