"""`make run`: start Signpost's three processes; Ctrl-C (or one process dying) stops them all.

    python -m bot.run --model models/signpost-<hash>.tar.gz
"""
from __future__ import annotations

import argparse
import signal
import sys
import time

import yaml

from .stack import ROOT, Stack


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--rasa-port", type=int, default=5005)
    parser.add_argument("--actions-port", type=int, default=5055)
    parser.add_argument("--web-port", type=int, default=8000)
    parser.add_argument("--credentials", default="credentials.yml")
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args()
    endpoints = yaml.safe_load((ROOT / args.endpoints).read_text())
    stack = Stack(args.model, rasa_port=args.rasa_port, actions_port=args.actions_port,
                  web_port=args.web_port, endpoints=endpoints, credentials=args.credentials)
    # Ctrl-C and SIGTERM both stop everything (SIGINT explicitly: a parent may have ignored it).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        started = time.time()
        stack.start()
        print(f"\nSignpost is up in {time.time() - started:.0f} s:\n"
              f"  chat page  {stack.web_url}/\n  REST       {stack.rest_url}\n"
              f"  actions    http://127.0.0.1:{stack.actions_port}/health\n"
              "Ctrl-C stops everything.\n", flush=True)
        while all(p.poll() is None for p in stack.procs.values()):
            time.sleep(0.5)
        dead = [n for n, p in stack.procs.items() if p.poll() is not None]
        print(f"Signpost: {', '.join(dead)} stopped; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping Signpost...", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"Signpost: {exc}", file=sys.stderr)
        return 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
