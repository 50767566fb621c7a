"""The floor on real voices (issue 10, 11): the real-voice test split, sent through the running
Signpost over REST exactly as `make evaluate` sends it. Never trained on, never tuned against."""
from bot.measurement.evaluation.corpus import load
from bot.measurement.evaluation.routing import rest_poster, run_items, score

# Floors from what the served model measured on 2026-11-30 (seventh session) on the 1,994-message test
# split (87.3 % routed, 999 recall 434 of 449, false 999 58 of 1,545: reports/routing.md). Training is
# deterministic (random_state everywhere), so CI's retrain on this machine measures the same. On the
# 1,812 messages the previous session scored, its model and rules measure 86.0 %, 395 of 409 and 58 of
# 1,403; this session's 86.9 %, 397 and 55. The recall floor (0.96) and the false-999 ceiling (0.04,
# was 0.045) stay UNDER issue 11's targets (999 recall 100 %, false 999 at most 2 %), which are not
# met. Raise them as the model reaches them.
ACCURACY_FLOOR = 0.85     # share of messages whose first direction is an acceptable body
RECALL_FLOOR = 0.96       # emergencies that get the 999 answer first
FALSE_999_CEILING = 0.04   # share of non-emergencies told to call 999


def test_real_voice_test_split_routes_emergencies_and_bodies(stack):
    items = load(split="test")
    assert len(items) >= 100
    s = score(run_items(rest_poster(stack.rest_url), items, prefix="floor"))
    misses = [c for c in s["confusions"]][:10]
    assert s["emergency_recall"] >= RECALL_FLOOR, f"999 recall {s['emergency_recall']} ({s})"
    assert s["false_999"] <= FALSE_999_CEILING, f"false 999 {s['false_999']}"
    assert s["accuracy"] >= ACCURACY_FLOOR, f"accuracy {s['accuracy']}; top confusions {misses}"
