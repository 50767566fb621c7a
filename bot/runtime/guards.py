"""Signpost's production guards inside the Rasa server process, applied by bot.runtime.rasa_server in every
profile (so `make run`, the tests, the benchmark and production run the same code).

- Action calls time out after SIGNPOST_ACTION_TIMEOUT seconds (default 4). Rasa 3.6 hard-codes
  rasa.core.constants.DEFAULT_REQUEST_TIMEOUT = 300 s for the action endpoint (passed as `timeout=`
  in rasa.core.actions.action.RemoteAction.run, and used by EndpointConfig.session), so a hung
  action server would hold a user for five minutes. With the bound, Rasa's processor catches the
  timeout like any failed action, the conversation is saved, and the channel answers with 999/101.
- SQL connections are checked before use (pool_pre_ping), so a PostgreSQL restart costs no request
  once the database is back.
- A tracker store that fails is an error, not amnesia. Rasa wraps every tracker store in
  FailSafeTrackerStore, which on a failed read answers as if the conversation were new and on a
  failed write keeps the turn in process memory only: with PostgreSQL away, the person would be
  asked again for what they had said, and their turns would never reach the database. Here the
  error propagates, the channel answers with the 999/101 apology, nothing half-stored is kept, and
  the log names the error type only (SQLAlchemy's message can quote the statement's parameters,
  which include the user's words).
- Nothing is said for a turn that was not stored. Rasa sends the bot's messages to the channel as
  they are predicted and saves the tracker afterwards; when that save fails the person would be
  told an answer the conversation then denies (the next turn asks for the place again). Here the
  messages of a turn are held back until the save has succeeded; if it fails, the channel has
  nothing to show and answers with the 999/101 apology instead (bot.channels.inbound.finish).
- Conversation locks that a dead replica cannot hold for long, and that replicas change
  atomically in Redis (bot.runtime.locks).
- SIGNPOST_REQUIRE_MODEL_CHECKSUM=1 (production): refuse to start unless the model is in models/
  and matches models/<name>.sha256 written by `make train` (bot.runtime.modelcheck).
- Sanic's 100 MB default request size is never used: SANIC_REQUEST_MAX_SIZE defaults to 64 KB
  (Sanic reads SANIC_* from the environment when the app is created).
"""
from __future__ import annotations

import logging
import os
import sys

from bot.settings import APP_KEEPALIVE_S, env_flag, refuse_placeholder_secrets

logger = logging.getLogger(__name__)
DEFAULT_ACTION_TIMEOUT = 4.0


class TrackerStoreUnavailable(RuntimeError):
    """The tracker store could not read or write a conversation (database away)."""


def strict_tracker_store() -> None:
    from rasa.core.tracker_store import FailSafeTrackerStore
    if getattr(FailSafeTrackerStore, "_signpost_strict", False):
        return

    def strict(method: str):
        async def call(self, *args, **kwargs):
            try:
                return await getattr(self._tracker_store, method)(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - re-raised without the parameters
                logger.error("tracker store %s failed: %s", method, type(exc).__name__)
                raise TrackerStoreUnavailable(type(exc).__name__) from None
        call.__name__ = method
        return call

    for method in ("retrieve", "retrieve_full_tracker", "save"):
        setattr(FailSafeTrackerStore, method, strict(method))
    FailSafeTrackerStore._signpost_strict = True
DEFAULT_REQUEST_MAX_SIZE = str(64 * 1024)


def answers_only_what_is_stored() -> None:
    """Hold a turn's messages back until Rasa has saved the tracker (see the module docstring)."""
    from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel
    from rasa.core.processor import MessageProcessor
    if getattr(MessageProcessor, "_signpost_held_back", False):
        return

    class HeldBack(OutputChannel):
        def __init__(self, target: OutputChannel) -> None:
            self.target = target
            self.held: list[tuple] = []

        def name(self) -> str:
            return self.target.name()

        async def send_response(self, recipient_id, message) -> None:
            self.held.append((recipient_id, message))

        async def release(self) -> None:
            for recipient_id, message in self.held:
                await self.target.send_response(recipient_id, message)

    original = MessageProcessor.handle_message

    async def handle_message(self, message):
        target = message.output_channel
        held = HeldBack(target)
        message.output_channel = held
        try:
            await original(self, message)      # raises if the tracker could not be saved
        finally:
            message.output_channel = target
        await held.release()
        return target.messages if isinstance(target, CollectingOutputChannel) else None

    MessageProcessor.handle_message = handle_message
    MessageProcessor._signpost_held_back = True


def option_value(argv: list, *names: str) -> str | None:
    """The value of the first of `names` in argv (`--name VALUE` or `--name=VALUE`)."""
    for i, arg in enumerate(argv):
        if arg in names and i + 1 < len(argv):
            return argv[i + 1]
        for name in names:
            if name.startswith("--") and arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def model_argument(argv: list) -> str | None:
    return option_value(argv, "--model", "-m")


def check_model(argv: list) -> str | None:
    """In production, the reason to refuse the model given in argv; None when it may start."""
    if not env_flag("SIGNPOST_REQUIRE_MODEL_CHECKSUM"):
        return None
    from bot.runtime.modelcheck import ModelIntegrityError, verify
    model = model_argument(argv)
    try:
        if model is None:
            raise ModelIntegrityError("--model is required in production")
        verify(model)
    except ModelIntegrityError as exc:
        return str(exc)
    return None


def apply() -> None:
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", DEFAULT_REQUEST_MAX_SIZE)
    # idle keep-alive longer than any client's (nginx, the web app), see bot.settings
    os.environ.setdefault("SANIC_KEEP_ALIVE_TIMEOUT", str(APP_KEEPALIVE_S))
    timeout = float(os.environ.get("SIGNPOST_ACTION_TIMEOUT", DEFAULT_ACTION_TIMEOUT))

    import rasa.core.actions.action as action
    import rasa.core.tracker_store as tracker_store
    import rasa.utils.endpoints as endpoints

    action.DEFAULT_REQUEST_TIMEOUT = timeout
    endpoints.DEFAULT_REQUEST_TIMEOUT = timeout
    strict_tracker_store()
    answers_only_what_is_stored()
    from bot.runtime import locks
    locks.apply()

    original = tracker_store.create_engine_kwargs
    if getattr(original, "__module__", None) == __name__:   # already ours: apply() ran before
        return

    def create_engine_kwargs(url):
        kwargs = dict(original(url))
        kwargs["pool_pre_ping"] = True
        return kwargs

    tracker_store.create_engine_kwargs = create_engine_kwargs


def refuse_or_apply(argv: list | None = None) -> None:
    """Exit with status 3 (and one line on stderr) if the model or a secret is refused; else
    apply()."""
    refuse_placeholder_secrets("Rasa")
    reason = check_model(sys.argv[1:] if argv is None else argv)
    if reason:
        print(f"Signpost: refusing to start Rasa: {reason}", file=sys.stderr)
        sys.exit(3)
    apply()
