"""deploy/systemd: the VM install runs `make run-prod`'s supervisor, and systemd accepts the units."""
import re
import shutil
import subprocess

import pytest

from bot.runtime.stack import ROOT
from bot.runtime.supervisor import STOP_GRACE_S

UNITS = ROOT / "deploy" / "systemd"


def settings(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        m = re.match(r"^([A-Za-z]+)=(.*)$", line)
        if m:
            out.setdefault(m.group(1), []).append(m.group(2))
    return out


def test_service_runs_the_supervisor_and_lets_it_stop_everything():
    unit = settings((UNITS / "signpost.service").read_text())
    assert unit["ExecStart"] == ["/srv/signpost/.venv/bin/python -m bot.runtime.production"]
    assert unit["ExecStartPre"] == ["/srv/signpost/.venv/bin/python -m bot.runtime.production --check"]
    assert unit["KillMode"] == ["mixed"] and unit["KillSignal"] == ["SIGTERM"]
    assert int(unit["TimeoutStopSec"][0]) > STOP_GRACE_S + 5     # the supervisor's own grace first
    assert unit["Restart"] == ["on-failure"]
    assert any("SIGNPOST_RUN_DIR=" in e for e in unit["Environment"])


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
@pytest.mark.parametrize("name", ["signpost.service", "signpost-retention.service",
                                  "signpost-retention.timer"])
def test_systemd_accepts_the_unit(tmp_path, name):
    # Installed paths pointed at this checkout, so systemd can check the commands exist.
    env = tmp_path / "signpost.env"
    env.write_text((ROOT / "deploy" / "signpost.env.example").read_text())
    for unit in UNITS.iterdir():
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/signpost", str(ROOT))
                                          .replace("/etc/signpost/signpost.env", str(env)))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(tmp_path / name)],
                            capture_output=True, text=True, timeout=60,
                            env={"SYSTEMD_LOG_LEVEL": "warning", "PATH": "/usr/bin:/bin"})
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if name in line or "Unknown" in line or "Failed" in line]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr
