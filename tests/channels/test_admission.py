"""bot.channels.admission: a bounded number of turns at once, the rest refused quickly, and a limit
that shrinks when turns get slow and grows back when they are quick."""
import asyncio
import time

import pytest

from bot.channels.admission import MIN_SLOTS, Admission, Busy


async def run_turns(adm: Admission, n: int, seconds: float) -> list:
    async def one():
        started = time.monotonic()
        try:
            async with adm.turn():
                await asyncio.sleep(seconds)
            return ("ok", time.monotonic() - started)
        except Busy:
            return ("busy", time.monotonic() - started)
    return await asyncio.gather(*(one() for _ in range(n)))


def test_at_most_slots_at_once_and_the_rest_refused_within_the_wait():
    adm = Admission(slots=4, max_wait_s=0.2, target_s=10)
    out = asyncio.run(run_turns(adm, 12, 0.5))
    assert [o for o, _ in out].count("ok") == 4
    assert all(s < 0.35 for o, s in out if o == "busy")      # refused after the wait, not later
    assert adm.refused == 8 and adm.inflight == 0


def test_waiting_turns_get_a_slot_when_one_frees_in_time():
    adm = Admission(slots=2, max_wait_s=1.0, target_s=10)
    out = asyncio.run(run_turns(adm, 4, 0.2))
    assert [o for o, _ in out] == ["ok"] * 4


def test_slow_turns_shrink_the_limit_and_quick_ones_grow_it_back():
    now = [0.0]
    adm = Admission(slots=16, max_wait_s=1, target_s=1.0, clock=lambda: now[0])
    for _ in range(20):                      # slow turns, one a second apart
        now[0] += 1.0
        adm.finished(3.0)
    assert adm.limit == pytest.approx(MIN_SLOTS)
    before = adm.limit
    adm.finished(3.0)                        # no second cut within target_s
    assert adm.limit == before
    for _ in range(400):
        adm.finished(0.02)
    assert adm.limit == 16                   # never above the configured slots


def test_nonsense_settings_are_refused():
    with pytest.raises(ValueError):
        Admission(slots=0)
    with pytest.raises(ValueError):
        Admission(slots=2, target_s=0)
