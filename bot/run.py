"""Start Signpost's three processes (`make run`), stop them all on Ctrl-C or when one dies.

    python -m bot.run --model models/signpost-<hash>.tar.gz
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands(model: str, args: argparse.Namespace) -> dict:
    venv_bin = Path(sys.executable).parent
    web_origins = f"http://127.0.0.1:{args.web_port} http://localhost:{args.web_port}"
    return {
        "actions": [sys.executable, "-m", "bot.action_server", "--port", str(args.actions_port)],
        "rasa": [str(venv_bin / "rasa"), "run", "--model", model, "-i", "127.0.0.1",
                 "--port", str(args.rasa_port), "--credentials", args.credentials,
                 "--endpoints", args.endpoints, "--cors", *web_origins.split()],
        "web": [sys.executable, "-m", "bot.web", "--port", str(args.web_port),
                "--rasa-url", f"http://127.0.0.1:{args.rasa_port}"],
    }


def wait_ready(url: str, procs: dict, timeout: float = 120) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(p.poll() is not None for p in procs.values()):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def stop(procs: dict) -> None:
    for p in procs.values():
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    deadline = time.time() + 10
    for p in procs.values():
        try:
            p.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--rasa-port", type=int, default=5005)
    parser.add_argument("--actions-port", type=int, default=5055)
    parser.add_argument("--web-port", type=int, default=8000)
    parser.add_argument("--credentials", default="credentials.yml")
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args()
    os.chdir(ROOT)
    (ROOT / "var").mkdir(exist_ok=True)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    procs = {name: subprocess.Popen(cmd, env=env) for name, cmd in commands(args.model, args).items()}
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        if wait_ready(f"http://127.0.0.1:{args.rasa_port}/", procs):
            print(f"\nSignpost is up: chat page http://127.0.0.1:{args.web_port}/  "
                  f"REST http://127.0.0.1:{args.rasa_port}/webhooks/rest/webhook  (Ctrl-C stops)\n",
                  flush=True)
        while all(p.poll() is None for p in procs.values()):
            time.sleep(0.5)
        dead = [n for n, p in procs.items() if p.poll() is not None]
        print(f"Signpost: {', '.join(dead)} stopped; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(procs)


if __name__ == "__main__":
    sys.exit(main())
