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


def test_an_emergency_is_admitted_at_once_while_everyone_else_is_refused():
    async def scenario():
        adm = Admission(slots=2, max_wait_s=0.3, target_s=10)
        release = asyncio.Event()

        async def hold():
            async with adm.turn():
                await release.wait()
        holders = [asyncio.ensure_future(hold()) for _ in range(2)]
        await asyncio.sleep(0.05)
        assert adm.inflight == 2
        started = time.monotonic()
        with pytest.raises(Busy):                 # an ordinary turn: refused after the wait
            async with adm.turn():
                pass
        assert time.monotonic() - started >= 0.25
        started = time.monotonic()
        async with adm.turn(emergency=True):      # an emergency: in at once, past the limit
            waited = time.monotonic() - started
            assert adm.inflight == 3
        release.set()
        await asyncio.gather(*holders)
        return adm, waited
    adm, waited = asyncio.run(scenario())
    assert waited < 0.05 and adm.urgent == 1 and adm.refused == 1 and adm.inflight == 0


def test_emergencies_past_the_limit_are_bounded_too():
    async def scenario():
        adm = Admission(slots=2, max_wait_s=0.1, target_s=10)
        release = asyncio.Event()

        async def hold(emergency):
            try:
                async with adm.turn(emergency=emergency):
                    await release.wait()
                return "ok"
            except Busy:
                return "busy"
        ordinary = [asyncio.ensure_future(hold(False)) for _ in range(2)]
        await asyncio.sleep(0.02)
        urgent = [asyncio.ensure_future(hold(True)) for _ in range(4)]
        await asyncio.sleep(0.3)                  # past the wait: the excess was refused
        assert adm.inflight == 4                  # limit (2) + slots (2), no more
        release.set()
        return await asyncio.gather(*ordinary), await asyncio.gather(*urgent), adm
    ordinary, urgent, adm = asyncio.run(scenario())
    assert ordinary == ["ok", "ok"] and sorted(urgent) == ["busy", "busy", "ok", "ok"]
    assert adm.urgent == 2 and adm.inflight == 0


def test_waiting_turns_are_served_oldest_first_and_one_finished_turn_wakes_one():
    async def scenario():
        adm = Admission(slots=1, max_wait_s=5, target_s=10)
        order, release = [], asyncio.Event()

        async def one(name, hold=False):
            async with adm.turn():
                order.append(name)
                if hold:
                    await release.wait()
        first = asyncio.ensure_future(one("first", hold=True))
        await asyncio.sleep(0.01)
        rest = []
        for name in ("a", "b", "c"):
            rest.append(asyncio.ensure_future(one(name)))
            await asyncio.sleep(0.01)
        assert len(adm._waiters) == 3 and adm.inflight == 1
        release.set()
        await asyncio.gather(first, *rest)
        return order, adm
    order, adm = asyncio.run(scenario())
    assert order == ["first", "a", "b", "c"] and adm.inflight == 0 and adm.refused == 0


def test_a_turn_cancelled_while_waiting_never_keeps_a_slot():
    async def scenario():
        adm = Admission(slots=1, max_wait_s=5, target_s=10)

        async def wait_then_run():
            async with adm.turn():
                return "ran"
        held = adm.turn()
        await held.__aenter__()
        gone = asyncio.ensure_future(wait_then_run())        # cancelled while waiting
        handed = asyncio.ensure_future(wait_then_run())      # cancelled just as its slot comes
        await asyncio.sleep(0.01)
        gone.cancel()
        await asyncio.sleep(0.01)
        await held.__aexit__(None, None, None)               # the slot is handed to `handed`...
        assert adm.inflight == 1
        handed.cancel()                                      # ...cancelled before it runs
        results = await asyncio.gather(gone, handed, return_exceptions=True)
        assert all(isinstance(r, asyncio.CancelledError) for r in results), results
        after = await wait_then_run()                        # and the slot is free again
        return adm, after
    adm, after = asyncio.run(scenario())
    assert after == "ran" and adm.inflight == 0
