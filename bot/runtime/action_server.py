"""The rasa-sdk action server, bound to loopback only (it has no authentication of its own).

    python -m bot.runtime.action_server [--host 127.0.0.1] [--port 5055]
"""
import argparse
import logging
import os

from rasa_sdk.endpoint import create_app
from sanic import response
from sanic.exceptions import SanicException

from bot.directory import default_directory
from bot.settings import APP_KEEPALIVE_S, refuse_placeholder_secrets
from bot.web import sanic_guards


def replace_error_handler(app) -> None:
    """rasa-sdk answers every error with 500 and the request body (the tracker, with the user's
    words) in the response. Ours: the right status (413 for a body over SANIC_REQUEST_MAX_SIZE,
    400, 404...), a short message, and nothing of the request."""
    log = logging.getLogger("bot.runtime.action_server")

    async def handler(request, exception: Exception):
        if isinstance(exception, SanicException):
            status = getattr(exception, "status_code", 500) or 500
            return response.json({"error": type(exception).__name__}, status=status)
        log.error("action server error: %s", type(exception).__name__)
        return response.json({"error": "action failed"}, status=500)

    app.error_handler.add(Exception, handler)
    app.error_handler.add(SanicException, handler)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    refuse_placeholder_secrets("the action server")
    logging.basicConfig(level=logging.WARNING)
    # idle keep-alive longer than any client's (nginx, Rasa's aiohttp: bot.settings); Sanic reads
    # SANIC_* when the app is created
    os.environ.setdefault("SANIC_KEEP_ALIVE_TIMEOUT", str(APP_KEEPALIVE_S))
    sanic_guards.apply()  # malformed HTTP: 4xx, no dropped connection, no traceback
    default_directory()  # validate the directory before serving: a broken file stops start-up here
    app = create_app(action_package_name="actions")
    replace_error_handler(app)
    app.run(host=args.host, port=args.port, workers=args.workers, access_log=False,
            motd=False)


if __name__ == "__main__":
    main()
