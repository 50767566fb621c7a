"""bot.conversation.decide: topic scores combined by the body each topic leads to."""
from bot.conversation.decide import AGREE, COUNCIL, decide
from bot.conversation.dialogue import Conversation, State, Turn
from bot.directory import default_directory

D = default_directory()


def test_topics_that_agree_on_a_body_answer_with_that_body():
    # no single topic is sure, but the council holds most of the mass
    ranking = [("fly_tipping", 0.22), ("burglary", 0.2), ("litter_bins", 0.18), ("missed_bin", 0.15),
               ("theft", 0.1)]
    d = decide(D, ranking, "bags and bags everywhere")
    assert d.topic == "fly_tipping" and d.agency == COUNCIL and d.share >= AGREE
    assert d.runners_up and d.runners_up[0] in ("burglary", "theft")


def test_the_body_with_the_mass_wins_over_a_lone_top_topic():
    ranking = [("burglary", 0.3), ("fly_tipping", 0.25), ("litter_bins", 0.25), ("graffiti", 0.2)]
    d = decide(D, ranking, "it is all over the place")
    assert d.topic == "fly_tipping" and d.agency == COUNCIL


def test_a_place_makes_the_council_concrete():
    ranking = [("fly_tipping", 0.4), ("litter_bins", 0.4), ("theft", 0.2)]
    assert decide(D, ranking, "x", council="swindon_borough_council").agency == "swindon_borough_council"


SPLIT = [("noise", 0.2), ("fraud", 0.19), ("wild_animal", 0.18), ("motorway", 0.17), ("dvla_x", 0.1),
         ("consumer", 0.1)]   # four bodies, none with the mass


def test_a_clear_problem_description_gets_the_best_topic_even_when_split():
    d = decide(D, SPLIT, "every night since the summer the people at number four have been at it")
    assert d.topic == "noise" and d.agency == COUNCIL


def test_a_fragment_with_split_scores_is_asked_not_guessed():
    d = decide(D, SPLIT, "the lot of them")
    assert d.topic is None and d.runners_up[:2] == ["noise", "fraud"]


def test_agreement_needs_some_mass_outright():
    # all of a tiny mass on one body is not agreement
    assert decide(D, [("road_defect", 0.2), ("fly_tipping", 0.1)], "thing on the road").topic is None


def test_no_topics_in_the_ranking_decides_nothing():
    assert decide(D, [("greet", 0.9), ("thanks", 0.1)], "hello").topic is None


def test_dialogue_answers_the_decided_body_under_the_fallback_with_runner_up_buttons():
    ranking = [("fly_tipping", 0.2), ("litter_bins", 0.18), ("missed_bin", 0.16), ("burglary", 0.12)]
    reply = Conversation().respond(Turn(text="the whole lane is blocked with old sofas and black bags in "
                                         "Melksham", intent="nlu_fallback", ranking=ranking), State())
    routes = [m["custom"]["route"] for m in reply.messages if "route" in (m.get("custom") or {})]
    assert routes and routes[0]["agency"] == "wiltshire_council" and routes[0]["topic"] == "fly_tipping"
    assert any("Not quite right" in (m.get("text") or "") for m in reply.messages)


# -- a second problem in the same message ------------------------------------------------------
from bot.conversation.decide import SECOND_CONFIDENCE, by_urgency, second_problem  # noqa: E402

LIGHTS_THEN_BREAK_INS = ("The street light on our road has been out for weeks. Last night two cars "
                         "were broken into under it.")


def test_a_confident_part_for_another_body_is_a_second_problem():
    problems = [("street_lighting", 0.8), ("vehicle_crime", 0.7)]
    assert second_problem(D, "street_lighting", problems, LIGHTS_THEN_BREAK_INS) == ("vehicle_crime", 0.7)


def test_no_second_problem_for_the_same_body_or_an_unsure_part():
    text = "rubbish dumped in the lane. the bins are overflowing too"
    assert second_problem(D, "fly_tipping", [("fly_tipping", 0.9), ("litter_bins", 0.9)], text) is None
    assert second_problem(D, "fly_tipping", [("burglary", SECOND_CONFIDENCE - 0.01)], text) is None
    assert second_problem(D, "fly_tipping", [("greet", 0.99), ("emergency", 0.99)], text) is None


def test_the_police_desks_are_one_body():
    # a burglary (101 / online) and antisocial behaviour (the neighbourhood team) need no second answer
    problems = [("burglary", 0.9), ("asb", 0.9)]
    assert second_problem(D, "burglary", problems, "we were burgled. kids hang about outside") is None


def test_the_more_urgent_problem_goes_first_when_its_part_is_sure():
    assert by_urgency(D, "street_lighting", ("vehicle_crime", 0.95)) == ("vehicle_crime", "street_lighting")
    assert by_urgency(D, "street_lighting", ("vehicle_crime", 0.6)) == ("street_lighting", "vehicle_crime")
    assert by_urgency(D, "burglary", ("fly_tipping", 0.95)) == ("burglary", "fly_tipping")
    assert by_urgency(D, "fly_tipping", ("graffiti", 0.95)) == ("fly_tipping", "graffiti")


def test_out_of_scope_is_a_body_of_its_own_in_the_mass():
    # unsure between "no listed body" and a crime: a long message leans to what ranks first
    ranking = [("nlu_fallback", 0.25), ("out_of_scope", 0.24), ("theft", 0.18), ("consumer", 0.09)]
    text = "woman rang the emergency line because her cleaner never turned up and wanted someone sent"
    d = decide(D, ranking, text)
    assert d.topic == "out_of_scope" and d.agency == "none"
    # a topic that holds the mass still wins over out of scope
    ranking = [("fly_tipping", 0.4), ("litter_bins", 0.2), ("out_of_scope", 0.3)]
    assert decide(D, ranking, text).agency == COUNCIL


def test_out_of_scope_decided_under_doubt_gets_the_out_of_scope_answer():
    text = "woman rang the emergency line because her cleaner never turned up and wanted someone sent"
    reply = Conversation().respond(Turn(text=text, intent="nlu_fallback", ranking=[
        ("nlu_fallback", 0.25), ("out_of_scope", 0.24), ("theft", 0.18), ("consumer", 0.09)]), State())
    assert any(m.get("custom", {}).get("out_of_scope") for m in reply.messages)
    assert reply.outcome["topic"] == "out_of_scope"
