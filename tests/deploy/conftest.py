"""The deploy/ topologies run for real with podman: `make test-deploy` (SIGNPOST_DEPLOY_TESTS=1)
builds the image and the stand-ins first; `make test` skips this folder.

The compose file is run as it is, from a copy of deploy/ in a temporary folder that holds the
test's own secrets (deploy/make_secrets.py) and a real_ip.conf trusting podman's networks, so the
repository's deploy/.env is never read or written. PostgreSQL, Redis and nginx are local stand-ins
built from Debian's packages (deploy/local/standins), passed through the compose file's image
variables: no registry is reachable here.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

if not os.environ.get("SIGNPOST_DEPLOY_TESTS"):
    collect_ignore_glob = ["test_*.py"]

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
IMAGE = os.environ.get("SIGNPOST_IMAGE", "localhost/signpost:latest")
STANDINS = {
    "SIGNPOST_POSTGRES_IMAGE": "localhost/signpost-standin-postgres:latest",
    "SIGNPOST_REDIS_IMAGE": "localhost/signpost-standin-redis:latest",
    "SIGNPOST_NGINX_IMAGE": "localhost/signpost-standin-nginx:latest",
}
# podman's default networks are 10.88.0.0/16 and 10.89.x.0/24; port forwarding from the host
# arrives from the network's gateway. The test's balancer is the test client itself.
TRUSTED = ("10.0.0.0/8", "127.0.0.0/8")
HEALTHCHECKED = ("postgres", "redis", "rasa-1", "rasa-2", "actions-1", "actions-2", "web", "nginx")


def podman(*args, check=True, timeout=120, capture=True) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *args], check=check, timeout=timeout, text=True,
                          capture_output=capture)


def secrets_of(folder: Path) -> dict:
    return dict(line.split("=", 1) for line in (folder / ".env").read_text().splitlines()
                if line and not line.startswith("#"))


class Compose:
    """One podman-compose project (its own name, network, volume and public port)."""

    def __init__(self, folder: Path, project: str, port: int) -> None:
        self.folder, self.project, self.port = folder, project, port
        self.file = folder / "docker-compose.yml"
        self.env = {**os.environ, **STANDINS, "SIGNPOST_IMAGE": IMAGE,
                    "SIGNPOST_PUBLIC_PORT": str(port)}
        self.public_url = f"http://127.0.0.1:{port}"

    def run(self, *args, timeout=600, check=True) -> subprocess.CompletedProcess:
        tool = os.environ.get("PODMAN_COMPOSE", "podman-compose")
        return subprocess.run([tool, "-p", self.project, "-f", str(self.file), *args],
                              env=self.env, check=check, timeout=timeout, text=True,
                              capture_output=True, cwd=self.folder)

    def container(self, service: str) -> str:
        return f"{self.project}_{service}_1"

    def inspect(self, service: str) -> dict:
        return json.loads(podman("inspect", self.container(service)).stdout)[0]

    def psql(self, sql: str) -> str:
        return podman("exec", self.container("postgres"), "psql", "-U", "signpost", "-d",
                      "signpost", "-tAc", sql).stdout.strip()

    def logs(self, service: str, tail: int = 40) -> str:
        out = podman("logs", "--tail", str(tail), self.container(service), check=False)
        return out.stdout + out.stderr


def prepare(folder: Path) -> None:
    """deploy/'s compose file and nginx folder, the test's secrets, a real_ip.conf of its own."""
    shutil.copy(DEPLOY / "docker-compose.yml", folder / "docker-compose.yml")
    shutil.copytree(DEPLOY / "nginx", folder / "nginx")
    subprocess.run(["python3", str(DEPLOY / "make_secrets.py"), str(folder / ".env")],
                   check=True, capture_output=True)
    (folder / "nginx" / "real_ip.conf").write_text(
        "".join(f"set_real_ip_from {cidr};\n" for cidr in TRUSTED)
        + "real_ip_header X-Forwarded-For;\nreal_ip_recursive on;\n")


def wait_until(predicate, timeout: float, step: float = 1.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as exc:  # noqa: BLE001 - keep waiting; report the last failure
            last = exc
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}: {last!r}")


@pytest.fixture(scope="module")
def compose(tmp_path_factory):
    from bot.runtime.stack import free_port
    from tests.prod.client import Resident

    folder = tmp_path_factory.mktemp("compose")
    prepare(folder)
    topology = Compose(folder, f"signposttest{os.getpid()}", free_port())
    started = time.monotonic()
    try:
        up = topology.run("up", "-d")
        assert up.returncode == 0, up.stderr[-3000:]

        def answers():
            return Resident(topology.public_url, "127.0.0.1").say("hello") != []
        wait_until(answers, timeout=300, step=2, what="a first answer through the public port")
        first = time.monotonic() - started
        # podman runs health checks from systemd timers, which this machine lacks: run each
        # service's own check until every one passes (both Rasa servers have their model).
        for service in HEALTHCHECKED:
            wait_until(lambda s=service: podman("healthcheck", "run", topology.container(s),
                                      check=False).returncode == 0,
                       timeout=300, step=2, what=f"{service} healthy")
        topology.startup_s = time.monotonic() - started
        print(f"\ncompose topology: first answer through nginx {first:.1f} s after `up`, "
              f"every service healthy after {topology.startup_s:.1f} s")
        yield topology
    except BaseException:
        for service in ("nginx", "rasa-1", "rasa-2", "actions-1", "web", "postgres", "redis"):
            print(f"---- {service}\n{topology.logs(service)}")
        raise
    finally:
        topology.run("down", "-v", "-t", "5", check=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed test of the topology, print the last lines of the services' logs."""
    outcome = yield
    report = outcome.get_result()
    topology = item.funcargs.get("compose") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and topology is not None:
        for service in ("nginx", "web", "rasa-1", "rasa-2", "actions-1", "redis"):
            report.sections.append((f"log of {service}", topology.logs(service, 30)))
