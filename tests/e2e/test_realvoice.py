"""The floor on real voices (issue 10, 11): the real-voice test split, sent through the running
Signpost over REST exactly as `make evaluate` sends it. Never trained on, never tuned against."""
from bot.measurement.evaluation.corpus import load
from bot.measurement.evaluation.routing import rest_poster, run_items, score

# Floors from what the served model measured on 2026-12-02 (fourteenth session) on the 3,132-message
# test split (87.5 % routed, 999 recall 713 of 739 = 0.965, false 999 86 of 2,393 = 0.036:
# reports/routing.md). Training is deterministic (random_state everywhere), so CI's retrain on this
# machine measures the same. Floors just under the measure: 0.865 routed (issue 10's floor is 0.85;
# about 30 more misses fail it), 0.963 recall (losing two test emergencies fails here) and a 0.040 false-999
# ceiling (ten more fail it). The recall floor and that ceiling stay UNDER issue 11's targets (999
# recall 100 %, false 999 at most 2 %), which are not met. Raise them as the model reaches them.
ACCURACY_FLOOR = 0.865    # share of messages whose first direction is an acceptable body
RECALL_FLOOR = 0.963      # emergencies that get the 999 answer first
FALSE_999_CEILING = 0.040  # share of non-emergencies told to call 999


def test_real_voice_test_split_routes_emergencies_and_bodies(stack):
    items = load(split="test")
    assert len(items) >= 100
    s = score(run_items(rest_poster(stack.rest_url), items, prefix="floor"))
    misses = [c for c in s["confusions"]][:10]
    assert s["emergency_recall"] >= RECALL_FLOOR, f"999 recall {s['emergency_recall']} ({s})"
    assert s["false_999"] <= FALSE_999_CEILING, f"false 999 {s['false_999']}"
    assert s["accuracy"] >= ACCURACY_FLOOR, f"accuracy {s['accuracy']}; top confusions {misses}"
