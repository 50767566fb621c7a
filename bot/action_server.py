"""The rasa-sdk action server, bound to loopback only (it has no authentication of its own).

    python -m bot.action_server [--host 127.0.0.1] [--port 5055]
"""
import argparse
import logging

from rasa_sdk.endpoint import create_app

from .directory import default_directory


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    default_directory()  # validate the directory before serving: a broken file stops start-up here
    app = create_app(action_package_name="actions")
    app.run(host=args.host, port=args.port, workers=args.workers, access_log=False,
            motd=False)


if __name__ == "__main__":
    main()
