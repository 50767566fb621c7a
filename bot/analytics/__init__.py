"""Anonymous demand analytics: one outcome row per answered question, and the insight report.

    actions/answer.py  -> record_turn() -> background writer -> store (SQLite / PostgreSQL)
    bot/web/insights.py -> build_report() -> HTML page with SVG charts, CSV export

What is stored, and what is not, is defined in outcome.py; small-number rules in suppress.py.

May import: settings, directory, understanding, conversation, privacy. Must not import channels,
web, runtime or measurement.
"""
from bot.analytics.recorder import Recorder, default_recorder, record_turn, set_default_recorder
from bot.analytics.store import Filters, Store, configured_url

__all__ = ["Filters", "Recorder", "Store", "configured_url", "default_recorder", "record_turn",
           "set_default_recorder"]
