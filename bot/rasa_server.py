"""Start `rasa run` with Signpost's production guards. bot.stack launches Rasa through this module
in every profile, so the guards are the same in `make run`, the tests and production.

    python -m bot.rasa_server run --model models/signpost-<hash>.tar.gz ...   (rasa's own arguments)

- Action calls time out after SIGNPOST_ACTION_TIMEOUT seconds (default 4). Rasa 3.6 hard-codes
  rasa.core.constants.DEFAULT_REQUEST_TIMEOUT = 300 s for the action endpoint (it is passed as
  `timeout=` in rasa.core.actions.action.RemoteAction.run and used by EndpointConfig.session), so a
  hung action server would hold a user for five minutes. With the bound, the processor catches the
  timeout, the conversation is saved, and the channel answers with 999/101.
- SQL connections are checked before use (pool_pre_ping), so a PostgreSQL restart costs no request
  once the database is back.
- SIGNPOST_REQUIRE_MODEL_CHECKSUM=1 (production): refuse to start unless the model is in models/ and
  matches models/<name>.sha256 written by `make train`.
- Sanic's 100 MB default request size is never used: SANIC_REQUEST_MAX_SIZE defaults to 64 KB here
  (Sanic reads SANIC_* from the environment when the app is created).
"""
from __future__ import annotations

import os
import sys

from .limits import env_flag

DEFAULT_ACTION_TIMEOUT = 4.0
DEFAULT_REQUEST_MAX_SIZE = str(64 * 1024)


def model_argument(argv: list) -> "str | None":
    for i, arg in enumerate(argv):
        if arg in ("--model", "-m") and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--model="):
            return arg.split("=", 1)[1]
    return None


def apply_guards() -> None:
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", DEFAULT_REQUEST_MAX_SIZE)
    timeout = float(os.environ.get("SIGNPOST_ACTION_TIMEOUT", DEFAULT_ACTION_TIMEOUT))

    import rasa.core.actions.action as action
    import rasa.core.tracker_store as tracker_store
    import rasa.utils.endpoints as endpoints

    action.DEFAULT_REQUEST_TIMEOUT = timeout
    endpoints.DEFAULT_REQUEST_TIMEOUT = timeout

    original = tracker_store.create_engine_kwargs

    def create_engine_kwargs(url):
        kwargs = dict(original(url))
        kwargs["pool_pre_ping"] = True
        return kwargs

    tracker_store.create_engine_kwargs = create_engine_kwargs


def main() -> int:
    if env_flag("SIGNPOST_REQUIRE_MODEL_CHECKSUM"):
        from .modelcheck import ModelIntegrityError, verify
        model = model_argument(sys.argv[1:])
        try:
            if model is None:
                raise ModelIntegrityError("--model is required in production")
            verify(model)
        except ModelIntegrityError as exc:
            print(f"Signpost: refusing to start Rasa: {exc}", file=sys.stderr)
            return 3
    apply_guards()
    from rasa.__main__ import main as rasa_main
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
