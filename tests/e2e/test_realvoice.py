"""The floor on real voices (issue 10, 11): the real-voice test split, sent through the running
Signpost over REST exactly as `make evaluate` sends it. Never trained on, never tuned against."""
from bot.measurement.evaluation.corpus import load
from bot.measurement.evaluation.routing import rest_poster, run_items, score

# Regression guards, just under what the served model measured on 2026-11-30 on the 458-message
# test split (82.3 % routed, 999 recall 86 of 98, false 999 14 of 360: reports/routing.md).
# Training is deterministic (random_state everywhere), so CI's retrain measures the same. The
# targets (issues 10 and 11: 85 %, 100 %, 2 %) are not met yet; raise these to them as they are.
ACCURACY_FLOOR = 0.815    # share of messages whose first direction is an acceptable body
RECALL_FLOOR = 0.87       # emergencies that get the 999 answer first
FALSE_999_CEILING = 0.042  # share of non-emergencies told to call 999


def test_real_voice_test_split_routes_emergencies_and_bodies(stack):
    items = load(split="test")
    assert len(items) >= 100
    s = score(run_items(rest_poster(stack.rest_url), items, prefix="floor"))
    misses = [c for c in s["confusions"]][:10]
    assert s["emergency_recall"] >= RECALL_FLOOR, f"999 recall {s['emergency_recall']} ({s})"
    assert s["false_999"] <= FALSE_999_CEILING, f"false 999 {s['false_999']}"
    assert s["accuracy"] >= ACCURACY_FLOOR, f"accuracy {s['accuracy']}; top confusions {misses}"
