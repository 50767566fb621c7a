"""Start `rasa run` with Signpost's guards (bot.runtime.guards) and speed-ups (bot.runtime.speedups).
bot.runtime.stack launches Rasa through this module in every profile, so the guards are the same in
`make run`, the tests, the benchmark and production.

    python -m bot.runtime.rasa_server run --model models/signpost-<hash>.tar.gz ...   (rasa's own arguments)

Guards: bounded action-call timeout (SIGNPOST_ACTION_TIMEOUT), tracker-store errors answered with
the 999/101 apology instead of a silent in-memory fallback, pool_pre_ping for PostgreSQL, model
checksum in production (SIGNPOST_REQUIRE_MODEL_CHECKSUM=1), 64 KB Sanic bodies.
"""
from __future__ import annotations

import sys

# TensorFlow 2.12 imports JAX when it loads (tf.lite's converter for JAX models, which Signpost
# never uses): 64 MB of the Rasa server's RSS (reports/bench.md). None in sys.modules makes
# `import jax` raise ImportError, which tf.lite expects and handles (no JAX converter then).
sys.modules.setdefault("jax", None)  # type: ignore[arg-type]

from bot.runtime import guards  # noqa: E402  (after the line above, which must come first)


def main() -> int:
    guards.refuse_or_apply()  # exits with status 3 if production refuses the model
    from bot.web import sanic_guards
    sanic_guards.apply()      # malformed HTTP: 4xx, no dropped connection, no traceback
    from bot.runtime.speedups import apply as apply_speedups
    from bot.runtime.speedups import check_action_endpoint
    reason = check_action_endpoint(guards.option_value(sys.argv[1:], "--endpoints"))
    if reason:
        print(f"Signpost: refusing to start Rasa: {reason}", file=sys.stderr)
        return 3
    apply_speedups()  # behaviour-preserving (bot/runtime/speedups.py); SIGNPOST_SPEEDUPS=none to compare
    from rasa.__main__ import main as rasa_main
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
