"""`make run`: start Signpost's three processes; Ctrl-C (or one process dying) stops them all.

    python -m bot.runtime.run --model models/signpost-<hash>.tar.gz
"""
from __future__ import annotations

import argparse
import sys

import yaml

from bot.runtime.stack import ROOT, Stack, supervise


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
    return supervise(stack, lambda seconds: (
        f"\nSignpost is up in {seconds:.0f} s:\n  chat page  {stack.web_url}/\n"
        f"  REST       {stack.rest_url}\n"
        f"  actions    http://127.0.0.1:{stack.actions_port}/health\nCtrl-C stops everything.\n"))


if __name__ == "__main__":
    sys.exit(main())
