import argparse

from bot.settings import refuse_placeholder_secrets
from bot.web import sanic_guards
from bot.web.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description="Signpost web app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args()
    refuse_placeholder_secrets("the web app")
    sanic_guards.apply()
    app = create_app(rasa_url=args.rasa_url)
    app.run(host=args.host, port=args.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
