"""Keep Signpost's processes running: `make run` and `make run-prod` (and systemd, deploy/systemd)
run their stack through Supervisor.

- Start-up: every process is started and must answer its health URL; if one fails to start the
  whole stack is stopped and the supervisor exits 1 (a broken model or config should be seen,
  not retried for ever; systemd's Restart= decides what happens next).
- Running: a process that dies (crash, `kill -9`, out of memory) is restarted on its own: at once
  the first time, then after a back-off that doubles with each death in a row (BACKOFF_FIRST_S ..
  BACKOFF_MAX_S) and is forgotten
  once the process has stayed up for STABLE_AFTER_S. The others keep serving meanwhile; nginx
  routes around a replica that is down (proxy_next_upstream, bot/runtime/proxy.py). Before a
  restart the dead process's whole process group is killed, so no orphan (an nginx worker, say)
  keeps its port.
- Stopping: SIGTERM, SIGINT (Ctrl-C) and SIGHUP only set a flag; the main loop then stops every
  process in parallel (SIGTERM, then SIGKILL after STOP_GRACE_S). More signals during the stop
  never interrupt it (the old handler raised inside `stop()` and left processes running); a
  second signal only cuts the grace period short. `make` passes Ctrl-C to the whole process group,
  so two signals are the normal case.
- Status: `status_file` (JSON, rewritten atomically on every change) says, per process, its pid,
  state (starting, ready, backoff, held, stopped), restarts and when it last became ready; tests
  and operators read it. A process named in `hold_file` (one name a line) is stopped and kept
  stopped until its name is removed (maintenance, and the fault tests).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

BACKOFF_FIRST_S = 0.5
BACKOFF_MAX_S = 30.0
STABLE_AFTER_S = 30.0
STOP_GRACE_S = 10.0
TICK_S = 0.1
HEALTH_TIMEOUT_S = 0.5
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


@dataclass
class ProcState:
    pid: int | None = None
    state: str = "starting"          # starting | ready | backoff | held | stopped
    restarts: int = 0
    started: float = 0.0             # time.time() of the last start
    ready_at: float | None = None    # time.time() it last answered its health URL
    died_at: float | None = None     # time.time() it last died
    exit_code: int | None = None
    failures_in_row: int = 0
    next_start: float = 0.0


class Supervisor:
    """Runs a bot.runtime.stack.Stack (or ProductionStack) until a stop signal."""

    def __init__(self, stack, banner: Callable[[float], str] | None = None,
                 tick: Callable[[], None] | None = None, status_file: Path | None = None,
                 hold_file: Path | None = None, log=None) -> None:
        self.stack, self.banner, self.tick = stack, banner, tick
        self.status_file = Path(status_file) if status_file else None
        self.hold_file = Path(hold_file) if hold_file else None
        self.log = log or (lambda msg: print(f"supervisor: {msg}", file=sys.stderr, flush=True))
        self.states: dict[str, ProcState] = {}
        self.signals: list[int] = []
        self.health = stack.health_urls()

    # -- signals -------------------------------------------------------------------------------
    def _on_signal(self, signum, _frame) -> None:
        self.signals.append(signum)        # only a flag: the main loop does the work

    def install_signal_handlers(self) -> None:
        for sig in STOP_SIGNALS:
            signal.signal(sig, self._on_signal)

    @property
    def stopping(self) -> bool:
        return bool(self.signals)

    # -- status --------------------------------------------------------------------------------
    def write_status(self) -> None:
        if not self.status_file:
            return
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.status_file.with_suffix(".tmp")
        info = self.stack.describe() if hasattr(self.stack, "describe") else {}
        tmp.write_text(json.dumps({"supervisor_pid": os.getpid(), "stopping": self.stopping,
                                   "info": info,
                                   "processes": {n: asdict(s) for n, s in self.states.items()}},
                                  indent=1))
        os.replace(tmp, self.status_file)

    def held(self) -> set:
        if not self.hold_file:
            return set()
        try:
            return {line.strip() for line in self.hold_file.read_text().splitlines() if line.strip()}
        except OSError:
            return set()

    # -- one process ---------------------------------------------------------------------------
    def _start(self, name: str) -> None:
        st = self.states.setdefault(name, ProcState())
        self.stack.start_one(name)
        st.pid, st.state, st.started, st.exit_code = self.stack.procs[name].pid, "starting", \
            time.time(), None

    def _reap_group(self, name: str) -> None:
        """Kill whatever is left of a dead process's group (e.g. nginx workers)."""
        proc = self.stack.procs.get(name)
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def _is_healthy(self, name: str) -> bool:
        url = self.health.get(name)
        if not url:
            return True
        try:
            with urllib.request.urlopen(url, timeout=HEALTH_TIMEOUT_S):
                return True
        except Exception:  # noqa: BLE001 - any failure means "not yet"
            return False

    def check(self) -> bool:
        """One pass over the processes: notice deaths, restart when due, mark ready. True if
        anything changed."""
        changed, now, held = False, time.time(), self.held()
        for name, st in self.states.items():
            proc = self.stack.procs.get(name)
            if name in held:
                if st.state != "held":
                    self.stack.stop_one(name, timeout=STOP_GRACE_S)
                    st.state, st.pid, changed = "held", None, True
                    self.log(f"{name} held (stopped until released)")
                continue
            if st.state == "held":
                st.state, st.next_start, st.failures_in_row, changed = "backoff", now, 0, True
            if st.state in ("starting", "ready") and proc is not None and proc.poll() is not None:
                st.exit_code, st.died_at = proc.returncode, now
                self._reap_group(name)
                if st.ready_at and now - st.ready_at >= STABLE_AFTER_S:
                    st.failures_in_row = 0
                delay = 0.0 if st.failures_in_row == 0 else \
                    min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** (st.failures_in_row - 1))
                st.failures_in_row += 1
                st.state, st.next_start, st.pid, changed = "backoff", now + delay, None, True
                self.log(f"{name} exited with {proc.returncode}; restarting in {delay:g} s")
            if st.state == "backoff" and now >= st.next_start:
                self._start(name)
                st.restarts += 1
                changed = True
            if st.state == "starting" and self._is_healthy(name):
                st.state, st.ready_at, changed = "ready", time.time(), True
                if st.restarts:
                    self.log(f"{name} is back ({st.ready_at - st.died_at:.1f} s after it died)"
                             if st.died_at else f"{name} is ready")
        return changed

    # -- whole stack ---------------------------------------------------------------------------
    def stop_all(self) -> None:
        """Stop every process in parallel; signals arriving now only shorten the grace period."""
        procs = {n: p for n, p in self.stack.procs.items() if p.poll() is None}
        seen = len(self.signals)
        for proc in procs.values():
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                pass
        deadline = time.time() + STOP_GRACE_S
        while time.time() < deadline and any(p.poll() is None for p in procs.values()):
            if len(self.signals) > seen + 1:   # asked again and again: don't wait any longer
                break
            time.sleep(0.05)
        for name, proc in procs.items():
            if proc.poll() is None:
                self.log(f"{name} did not stop in time: killing it")
            self._reap_group(name)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        for st in self.states.values():
            st.state, st.pid = "stopped", None
        self.write_status()

    def run(self) -> int:
        """Start, supervise until a stop signal, stop. 0 after a requested stop, 1 if start-up
        failed."""
        self.install_signal_handlers()
        code = 0
        try:
            started = time.time()
            self.stack.prepare()
            for name in self.stack.commands():
                if self.stopping:
                    break
                self._start(name)
            self.write_status()
            pending = set(self.states)
            deadline = started + 240
            while pending and not self.stopping:
                for name in list(pending):
                    proc = self.stack.procs[name]
                    if proc.poll() is not None:
                        raise RuntimeError(f"{name} exited with {proc.returncode} while starting")
                    if self._is_healthy(name):
                        pending.discard(name)
                        self.states[name].state, self.states[name].ready_at = "ready", time.time()
                if time.time() > deadline:
                    raise RuntimeError(f"not ready after 240 s: {', '.join(sorted(pending))}")
                time.sleep(0.2)
            self.write_status()
            if not self.stopping and self.banner:
                print(self.banner(time.time() - started), flush=True)
            while not self.stopping:
                if self.check():
                    self.write_status()
                if self.tick:
                    self.tick()
                time.sleep(TICK_S)
            print("\nStopping Signpost...", flush=True)
        except Exception as exc:  # noqa: BLE001 - start-up refusals (model check, nginx, database)
            print(f"Signpost: {exc}", file=sys.stderr, flush=True)
            code = 1
        finally:
            self.stop_all()
        return code
