"""One turn of conversation as a pure function: (what was said, what we know) -> reply.

No Rasa here, so every path is unit-tested without a server; actions/ only adapts Tracker <-> Turn.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.conversation import render
from bot.conversation.decide import by_urgency, decide, second_problem
from bot.conversation.routing import ASK_PLACE, OUTSIDE_AREA, mentions_any, route
from bot.directory import COUNCILS, Directory, default_directory
from bot.understanding import safety
from bot.understanding.places import FOUND, OUT_OF_AREA, SPLIT, Gazetteer, Resolution, default_gazetteer

NOT_TOPICS = {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "human_handoff",
              "inform_place", "out_of_scope", "nlu_fallback", "emergency", "danger_followup"}
DANGER_FOLLOWUP = "danger_followup"
# Topic kinds (bot/directory/topics.yml) after which a short "he's back, he's outside" is a 999.
DANGER_KINDS = frozenset({"crime", "asb", "support", "emergency"})
COUNCIL_ALIASES = {"swindon": "swindon_borough_council", "sbc": "swindon_borough_council",
                   "wiltshire": "wiltshire_council", "wilts": "wiltshire_council"}
FIND_COUNCIL_URL = "https://www.gov.uk/find-local-council"
SUGGESTED = ("fly_tipping", "noise", "burglary", "parking", "asb", "road_defect")
FALLBACK_MIN_CONFIDENCE = 0.05
EMERGENCY_FOLLOW_UP_CONFIDENCE = 0.3
SECOND_TOPIC_CONFIDENCE = 0.2


@dataclass
class Turn:
    text: str
    intent: str
    ranking: list = field(default_factory=list)   # [(intent, confidence), ...]
    entities: list = field(default_factory=list)  # place entity values
    preset_council: str | None = None          # from the embedding council's widget
    problems: list = field(default_factory=list)  # [(intent, confidence)] per part of the message


@dataclass
class State:
    place: str | None = None
    council: str | None = None
    area: str | None = None
    pending_topic: str | None = None
    asked_place: bool = False
    offered: str | None = None
    danger_context: bool = False  # the last answer was about a crime, abuse or danger
    also_topic: str | None = None  # a second problem, answered once the place of the first is known


@dataclass
class Reply:
    messages: list = field(default_factory=list)  # dicts: text, buttons, custom
    state: State = field(default_factory=State)
    outcome: dict = field(default_factory=dict)   # anonymous analytics record

    def say(self, text: str, buttons: list | None = None, custom: dict | None = None) -> None:
        msg: dict[str, Any] = {"text": text}
        if buttons:
            msg["buttons"] = buttons
        if custom:
            msg["custom"] = custom
        self.messages.append(msg)


def council_id(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().lower()
    return value if value in COUNCILS else COUNCIL_ALIASES.get(value)


def button(title: str, intent: str) -> dict:
    return {"title": title, "payload": f"/{intent}"}


class Conversation:
    def __init__(self, directory: Directory | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        self.d = directory or default_directory()
        self.g = gazetteer or (default_gazetteer() if directory is None else Gazetteer(self.d))

    # ------------------------------------------------------------------------------------------
    def respond(self, turn: Turn, state: State) -> Reply:
        reply = Reply(state=State(**vars(state)))
        st = reply.state
        if not st.council and council_id(turn.preset_council):
            st.council = council_id(turn.preset_council)
        flags = safety.check(turn.text).flags
        reply.outcome = {"topic": None, "agency": None, "emergency": safety.EMERGENCY in flags
                         or turn.intent == "emergency", "asked_place": False, "fallback": False}
        if safety.CRISIS in flags:
            self._crisis(reply)
        if safety.DOMESTIC in flags and turn.intent != "domestic_abuse":
            self._support(reply, "domestic_abuse_support")

        intent = turn.intent
        if intent == DANGER_FOLLOWUP:
            # The static 999 went first when danger_context was set (data/rules.yml); without it,
            # answer what the classifier heard underneath.
            intent = "emergency" if state.danger_context else next(
                (i for i, _ in turn.ranking if i != DANGER_FOLLOWUP), "nlu_fallback")
            reply.outcome["emergency"] = reply.outcome["emergency"] or intent == "emergency"
        resolution = self._resolve(turn)
        runners_up: list = []
        waiting_for_place = st.pending_topic and resolution.status != "unknown" and \
            intent in ("inform_place", "nlu_fallback", "out_of_scope", "deny")
        if (intent in self.d.topics or intent == "nlu_fallback") and intent != "emergency" \
                and not waiting_for_place:
            council = st.council or (resolution.council if resolution.status == FOUND else None)
            decision = decide(self.d, turn.ranking, turn.text, council)
            if decision.topic and decision.topic != intent:  # decided under doubt: offer the others
                intent, runners_up = decision.topic, decision.runners_up
        if intent == "emergency":
            self._after_emergency(turn, reply, resolution)
        elif intent in self.d.topics:
            st.also_topic = None   # a new problem: a second one still waiting for a place is dropped
            self._apply_place(st, resolution)
            council = st.council or (resolution.council if resolution.status == FOUND else None)
            second = second_problem(self.d, intent, turn.problems, turn.text, council,
                                    ranking=turn.ranking)
            if second:
                self._answer_two(*by_urgency(self.d, intent, second), turn, reply, resolution)
            else:
                self._answer_topic(intent, turn, reply, resolution)
                if runners_up and not reply.state.pending_topic:
                    self._offer_runners_up(runners_up, reply)
                else:
                    self._offer_second_topic(intent, turn, reply)
        elif intent in ("inform_place", "nlu_fallback", "out_of_scope", "deny") and st.pending_topic \
                and resolution.status != "unknown":
            self._apply_place(st, resolution)
            also, st.also_topic = st.also_topic, None
            if also and also != st.pending_topic:
                self._answer_two(st.pending_topic, also, turn, reply, resolution, lead=False)
            else:
                self._answer_topic(st.pending_topic, turn, reply, resolution)
        elif intent == "inform_place" and (st.pending_topic or resolution.status != "unknown"):
            self._place_only(reply, resolution)
        elif intent == "inform_place":
            # Only a place answer if it holds a place, or if we asked for one (issue 12): words
            # with no place and no problem get a prompt for the problem, not "which place?".
            self._ask_for_problem(reply)
        elif intent == "affirm" and st.offered:
            offered, st.offered = st.offered, None
            self._answer_topic(offered, turn, reply, resolution)
        elif intent == "human_handoff":
            self._handoff(reply)
        elif intent == "nlu_fallback":
            self._did_you_mean(turn, reply)
        elif intent in ("deny", "affirm"):
            st.offered = None
            reply.say("OK. What else can I help with? Tell me the problem in your own words.",
                      buttons=self._suggestions())
        else:
            self._out_of_scope(reply, turn.text)
        topic = reply.outcome.get("topic") or st.pending_topic
        st.danger_context = bool(reply.outcome["emergency"] or flags & {safety.CRISIS, safety.DOMESTIC}
                                 or (topic in self.d.topics and self.d.topics[topic].kind in DANGER_KINDS))
        if reply.state.council and not reply.outcome.get("council"):
            reply.outcome["council"] = reply.state.council
            reply.outcome["area"] = reply.state.area
        return reply

    # ------------------------------------------------------------------------------------------
    def _resolve(self, turn: Turn) -> Resolution:
        for value in turn.entities:
            res = self.g.resolve(value)
            named, _ = self.g.find_place(value)
            if named is not None and named.ambiguous:
                # the entity ruler matches "Reading" or "Box" by its capital alone, also at the start
                # of a sentence ("Reading the paper this morning ..."): the whole message decides
                in_text, _ = self.g.find_place(turn.text)
                if in_text is None or in_text.name != named.name:
                    continue
            if res.status != "unknown":
                if res.status == SPLIT:  # the full text may name the town as well
                    full = self.g.resolve(turn.text)
                    return full if full.status == FOUND else res
                return res
        return self.g.resolve(turn.text)

    @staticmethod
    def _apply_place(st: State, res: Resolution) -> None:
        if res.status == FOUND:
            st.place, st.council, st.area = res.name, res.council, res.area

    def _answer_two(self, first: str, second: str, turn: Turn, reply: Reply, res: Resolution,
                    lead: bool = True) -> None:
        """Two problems for different bodies (or two teams of one council): both answers, `first`
        (the more urgent) first. When the first needs the place, the second waits in `also_topic`
        until it is given."""
        st = reply.state
        if lead:
            reply.say("You've raised two different problems, so here is who deals with each.")
        self._answer_topic(first, turn, reply, res, closing=False)
        if st.pending_topic == first:   # asked for the place: answer both once it is known
            st.also_topic = second
            return
        said = {k: reply.outcome.get(k) for k in ("topic", "agency", "council", "area")}
        self._answer_topic(second, turn, reply, res)
        asked = st.pending_topic == second
        reply.outcome.update(second_topic=second,
                             second_agency=None if asked else reply.outcome.get("agency"), **said)

    def _answer_topic(self, topic_id: str, turn: Turn, reply: Reply, res: Resolution,
                      closing: bool = True) -> None:
        """The route for `topic_id`, or a question for the place it needs. `closing`: end with
        the alerts offer or "Anything else?" (False when another answer follows)."""
        st, d = reply.state, self.d
        topic = d.topics[topic_id]
        outside = res.status == OUT_OF_AREA
        r = route(d, topic_id, turn.text, council=st.council, outside=outside)
        reply.outcome.update(topic=topic_id)
        if r.status == ASK_PLACE:
            if res.status == SPLIT:
                st.pending_topic = topic_id
                reply.outcome["asked_place"] = True
                reply.say(f"{res.name} covers places in both Wiltshire and Swindon. Which town or "
                          f"village is it in?", buttons=[{"title": p, "payload": p}
                                                         for p in res.options[:6]],
                          custom={"ask": "place", "topic": topic_id, "options": list(res.options)})
                return
            if st.pending_topic == topic_id and st.asked_place:
                return self._both_councils(topic_id, turn, reply)
            st.pending_topic, st.asked_place = topic_id, True
            reply.outcome["asked_place"] = True
            reply.say(f"I can help with {topic.title.lower()}. Which town, village or postcode is it "
                      "in? (Wiltshire Council and Swindon Borough Council handle this separately.)",
                      buttons=[{"title": "Swindon", "payload": "Swindon"},
                               {"title": "Elsewhere in Wiltshire", "payload": "Wiltshire"}],
                      custom={"ask": "place", "topic": topic_id})
            return
        if r.status == OUTSIDE_AREA:
            st.pending_topic, st.asked_place = None, False
            reply.outcome.update(agency=None, council=None)
            reply.say(f"{res.name} is outside Wiltshire and Swindon ({res.county}), so I can't name "
                      f"the right body there. Find the local council at {FIND_COUNCIL_URL}; for the "
                      "police anywhere in the UK call 101, or 999 in an emergency.",
                      buttons=[button("Start again", "greet")])
            return
        st.pending_topic, st.asked_place = None, False
        place = st.place if r.council else None
        area = d.areas[st.area].name if (st.area and r.council) else None
        text = render.route_text(d, r, place)
        if outside and not r.council:
            text = (f"Note: {res.name} is outside Wiltshire and Swindon, but this one is handled "
                    f"nationally.\n" + text)
        if topic_id == "neighbourhood_team" and area:
            text = f"Your area: {area} neighbourhood policing team.\n" + text
        reply.say(text, custom=r.payload(d, place=place, area=area))
        reply.outcome.update(agency=r.agency, council=r.council, area=st.area if r.council else None)
        if r.also:
            reply.say(render.also_text(d, r.also))
        if not closing:
            return
        if topic.offer_alerts and "community_messenger" in d.agencies:
            st.offered = "community_messenger"
            reply.say("Would you like local crime and safety alerts from Wiltshire Police "
                      "(Community Messaging)?",
                      buttons=[button("Yes, show me how", "affirm"), button("No thanks", "deny")])
        else:
            reply.say("Anything else I can help with?", buttons=self._suggestions(exclude=topic_id))

    def _offer_second_topic(self, topic_id: str, turn: Turn, reply: Reply) -> None:
        """A message can hold two problems ("loud music, and I think they're dealing"): when the
        classifier saw a second topic too, offer it as a button rather than guess."""
        second = next((i for i, c in turn.ranking[1:3] if i in self.d.topics
                       and i not in (topic_id, "emergency") and c >= SECOND_TOPIC_CONFIDENCE), None)
        if second and not reply.state.pending_topic:
            reply.say(f"You may also be asking about {self.d.topics[second].title.lower()}.",
                      buttons=[button(f"Who deals with {self.d.topics[second].title.lower()}?",
                                      second)])

    def _offer_runners_up(self, topics: list, reply: Reply) -> None:
        """The body was decided with some doubt: the runner-up topics (other bodies) as buttons."""
        titles = [t for t in topics if t in self.d.topics][:2]
        if titles:
            reply.say("Not quite right? It may be one of these instead:",
                      buttons=[button(self.d.topics[t].title, t) for t in titles])

    def _both_councils(self, topic_id: str, turn: Turn, reply: Reply) -> None:
        """Asked once and still no place: never a dead end, give both councils."""
        st, d = reply.state, self.d
        st.pending_topic, st.asked_place = None, False
        reply.say("I couldn't tell which council covers that place, so here are both. Swindon "
                  "Borough Council covers Swindon town and its parishes (Highworth, Wroughton, "
                  "Stratton and more); Wiltshire Council covers the rest of the county.")
        for council in COUNCILS:
            r = route(d, topic_id, turn.text, council=council)
            reply.say(render.route_text(d, r, None), custom=r.payload(d))
        reply.outcome.update(agency="council", council=None)

    def _place_only(self, reply: Reply, res: Resolution) -> None:
        st = reply.state
        if res.status == FOUND:
            self._apply_place(st, res)
            council = self.d.council_names[res.council]
            reply.say(f"Thanks, {res.name} is covered by {council}. What's the problem there?",
                      buttons=self._suggestions())
        elif res.status == SPLIT:
            reply.say(f"{res.name} covers places in both Wiltshire and Swindon. Which town or village?",
                      buttons=[{"title": p, "payload": p} for p in res.options[:6]],
                      custom={"ask": "place", "options": list(res.options)})
        elif res.status == OUT_OF_AREA:
            reply.say(f"{res.name} is outside Wiltshire and Swindon. Signpost only covers those two "
                      f"council areas: find the local council at {FIND_COUNCIL_URL}; police 101 "
                      "works anywhere in the UK, and 999 in an emergency.")
        else:
            reply.say("Sorry, I didn't recognise that place. Which town, village or postcode is it "
                      "in? For example: Melksham, Penhill or SN15.", custom={"ask": "place"})

    def _ask_for_problem(self, reply: Reply) -> None:
        reply.outcome["fallback"] = True
        reply.say("Sorry, I couldn't tell what the problem is from that. Tell me what's happening "
                  "in your own words, and where if you know: for example \"rubbish dumped in the "
                  "lane in Melksham\".", buttons=self._suggestions())

    def _after_emergency(self, turn: Turn, reply: Reply, res: Resolution) -> None:
        """The 999 answer has gone first (a static rule). If the message was also about a topic
        the classifier recognised, answer that too: a cautious 999 costs the resident nothing."""
        topic = next((i for i, c in turn.ranking if i in self.d.topics and i != "emergency"
                      and c >= EMERGENCY_FOLLOW_UP_CONFIDENCE), None)
        if topic:
            st = reply.state
            waiting = (st.pending_topic, st.asked_place)
            self._apply_place(st, res)
            reply.say(f"If nobody is in danger right now, this is who deals with "
                      f"{self.d.topics[topic].title.lower()}:")
            self._answer_topic(topic, turn, reply, res)
            if st.pending_topic is None and waiting[0]:
                # the question we were waiting on (which town?) still stands
                st.pending_topic, st.asked_place = waiting
        else:
            reply.say("When everyone is safe, I can help with anything else: just tell me what "
                      "happened.")
        reply.outcome.update(topic="emergency", agency="police_999", emergency=True)

    def _crisis(self, reply: Reply) -> None:
        self._support(reply, "mental_health_crisis", extra=("samaritans",))

    def _support(self, reply: Reply, agency_id: str, extra: tuple = ()) -> None:
        ids = [a for a in (agency_id, *extra) if a in self.d.agencies]
        if not ids:
            return
        lines = ["If anyone is in immediate danger, call 999."]
        for a in ids:
            agency = self.d.agencies[a]
            lines.append(f"{agency.name}: {agency.handles}")
            lines += render.contact_lines(agency.contact)
        reply.say("\n".join(lines), custom={"support": ids})

    def _handoff(self, reply: Reply) -> None:
        d = self.d
        lines = ["I'm an automated assistant, so I can't put you through, but a person can help on "
                 "these numbers:", "Emergency: 999."]
        for a in ("police_report", *COUNCILS):
            lines.append(render.short_contact(d.agencies[a]))
        reply.say("\n".join(lines), buttons=self._suggestions())
        reply.outcome.update(topic="human_handoff", agency="police_report")

    def _did_you_mean(self, turn: Turn, reply: Reply) -> None:
        choices = [(i, c) for i, c in turn.ranking
                   if i in self.d.topics and i != "emergency" and c >= FALLBACK_MIN_CONFIDENCE][:3]
        reply.outcome.update(fallback=True)
        buttons = [button(self.d.topics[i].title, i) for i, _ in choices]
        buttons.append(button("None of these", "human_handoff"))
        reply.say("Sorry, I'm not sure I understood. Did you mean one of these?", buttons=buttons)

    def _out_of_scope(self, reply: Reply, text: str = "") -> None:
        """Say plainly that no listed body handles it, and where such questions do go (the
        wording and the hints are data: topics.yml `out_of_scope:`)."""
        reply.outcome.update(fallback=True, topic="out_of_scope")
        oos = self.d.out_of_scope
        if oos is None:
            reply.say("Sorry, that's not one for the police or the council, so I can't point you "
                      "anywhere for it.", buttons=self._suggestions(),
                      custom={"out_of_scope": True})
            return
        hint = next((h for h in oos.hints if mentions_any(text, h.when_any)), oos.default)
        lines = [hint.answer or oos.answer, hint.say]
        lines += [render.short_contact(self.d.agencies[a]) for a in hint.agencies]
        lines.append(oos.then)
        reply.say("\n".join(lines), buttons=self._suggestions(), custom={"out_of_scope": True})

    def _suggestions(self, exclude: str | None = None) -> list:
        return [button(self.d.topics[t].title, t) for t in SUGGESTED
                if t in self.d.topics and t != exclude][:5]
