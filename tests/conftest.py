import os
import tempfile
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
# Tests never write analytics into the real var/analytics.db; tests that check analytics set their own.
os.environ.setdefault("SIGNPOST_ANALYTICS_URL",
                      f"sqlite:///{tempfile.mkdtemp(prefix='signpost-analytics-')}/analytics.db")
