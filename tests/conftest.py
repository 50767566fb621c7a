import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
# Tests never write analytics into the real var/analytics.db; tests that check analytics set their own.
os.environ.setdefault("SIGNPOST_ANALYTICS_URL",
                      f"sqlite:///{tempfile.mkdtemp(prefix='signpost-analytics-')}/analytics.db")


def pytest_collection_modifyitems(session, config, items):
    """Browser tests last: Playwright's sync API keeps an event loop running in the main thread
    for as long as its session-scoped browser lives, and every later test that calls
    asyncio.run() would fail with "cannot be called from a running event loop"."""
    browser = [i for i in items if "tests/browser/" in str(i.fspath).replace(os.sep, "/")]
    if browser:
        items[:] = [i for i in items if i not in browser] + browser
