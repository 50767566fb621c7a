"""Container health check: exit 0 when SIGNPOST_HEALTH_URL (default Rasa's GET /, which answers
only once the model is loaded) answers 2xx within 3 seconds, else 1. Standard library only."""
import os
import sys
import urllib.request

URL = os.environ.get("SIGNPOST_HEALTH_URL", "http://127.0.0.1:5005/")

try:
    with urllib.request.urlopen(URL, timeout=3) as answer:  # noqa: S310 - our own loopback URL
        sys.exit(0 if 200 <= answer.status < 300 else 1)
except Exception as exc:  # noqa: BLE001 - any failure is "unhealthy"
    print(f"unhealthy: {URL}: {type(exc).__name__}", file=sys.stderr)
    sys.exit(1)
