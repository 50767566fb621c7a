"""The floor on real voices (issue 10, 11): the real-voice test split, sent through the running
Signpost over REST exactly as `make evaluate` sends it. Never trained on, never tuned against."""
from bot.measurement.evaluation.corpus import load
from bot.measurement.evaluation.routing import rest_poster, run_items, score

# Floors from what the served model measured on 2026-12-01 (twelfth session) on the 2,847-message test
# split (87.0 % routed, 999 recall 644 of 670 = 0.961, false 999 83 of 2,177 = 0.038:
# reports/routing.md). Training is deterministic (random_state everywhere), so CI's retrain on this
# machine measures the same. Floors kept: 0.85, 0.96 (measured 0.961, close: a change that loses two
# test emergencies fails here) and 0.045. The recall floor and that ceiling stay UNDER issue 11's
# targets (999 recall 100 %, false 999 at most 2 %), which are not met. Raise them as the model
# reaches them.
ACCURACY_FLOOR = 0.85     # share of messages whose first direction is an acceptable body
RECALL_FLOOR = 0.96       # emergencies that get the 999 answer first
FALSE_999_CEILING = 0.045  # share of non-emergencies told to call 999


def test_real_voice_test_split_routes_emergencies_and_bodies(stack):
    items = load(split="test")
    assert len(items) >= 100
    s = score(run_items(rest_poster(stack.rest_url), items, prefix="floor"))
    misses = [c for c in s["confusions"]][:10]
    assert s["emergency_recall"] >= RECALL_FLOOR, f"999 recall {s['emergency_recall']} ({s})"
    assert s["false_999"] <= FALSE_999_CEILING, f"false 999 {s['false_999']}"
    assert s["accuracy"] >= ACCURACY_FLOOR, f"accuracy {s['accuracy']}; top confusions {misses}"
