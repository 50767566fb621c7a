"""Retention: delete stored conversation events older than the configured period.

    python -m bot.privacy.retention [--days 30] [--endpoints endpoints.yml] [--dry-run]
    make purge                                  (quick-start SQLite store)
    make purge ENDPOINTS=endpoints.prod.yml     (production PostgreSQL store, configured by env)

The period is --days, else SIGNPOST_RETENTION_DAYS, else 30. Works on Rasa's SQL tracker store
(SQLite and PostgreSQL): every row of `events` whose timestamp is older than the cut-off goes, so no
message is kept longer than the period, whatever the state of its conversation. Scheduled by
run-prod itself (SIGNPOST_RETENTION_EVERY_HOURS), deploy/systemd/signpost-retention.timer,
deploy/k8s/retention-cronjob.yaml, or this cron line:

    17 3 * * *  cd /srv/signpost && .venv/bin/python -m bot.privacy.retention --endpoints endpoints.prod.yml
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import yaml

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")  # Rasa 3.6 pins SQLAlchemy 1.4
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DAYS = 30
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def retention_days(env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    days = int(env.get("SIGNPOST_RETENTION_DAYS") or DEFAULT_DAYS)
    if days < 1:
        raise ValueError("SIGNPOST_RETENTION_DAYS must be at least 1")
    return days


def expand(text: str, env: dict) -> str:
    """${VAR} from env, else the production default (bot.settings) for it (as Rasa would see it in
    run-prod)."""
    from bot.settings import VARIABLES, setting

    def value(match):
        name = match.group(1)
        if name in env:
            return env[name]
        if name in VARIABLES:
            return setting(name, env)
        raise KeyError(f"environment variable {name} is not set")
    return _VAR.sub(value, text)


def tracker_store_config(endpoints: Path, env: dict | None = None) -> dict:
    env = dict(os.environ if env is None else env)
    data = yaml.safe_load(Path(endpoints).read_text()) or {}
    store = {k: expand(v, env) if isinstance(v, str) else v
             for k, v in (data.get("tracker_store") or {}).items()}
    if not is_sql_store(str(store.get("type", ""))):
        raise ValueError(f"{endpoints}: retention needs an SQL tracker store (type: SQL or a "
                         "subclass of Rasa's SQLTrackerStore)")
    return store


def is_sql_store(kind: str) -> bool:
    """`SQL`, or a class path whose class extends Rasa's SQLTrackerStore (same `events` table),
    such as bot.runtime.stores.sqlite.FastSQLTrackerStore."""
    if kind.lower() == "sql":
        return True
    if "." not in kind:
        return False
    import importlib
    import warnings
    module, _, name = kind.rpartition(".")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from rasa.core.tracker_store import SQLTrackerStore
            cls = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return False
    return isinstance(cls, type) and issubclass(cls, SQLTrackerStore)


def database_url(store: dict) -> str:
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore
        db = store.get("db", "rasa.db")
        if store.get("dialect", "sqlite") == "sqlite" and not os.path.isabs(db):
            db = str(ROOT / db)
        url = SQLTrackerStore.get_db_url(store.get("dialect", "sqlite"), store.get("url"),
                                         store.get("port"), db, store.get("username"),
                                         store.get("password") or None)
    return url if isinstance(url, str) else url.render_as_string(hide_password=False)


def purge(url: str, days: int, now: float | None = None, dry_run: bool = False) -> int:
    """Delete events older than `days`; return how many (or would be, with dry_run)."""
    import sqlalchemy as sa
    cutoff = (time.time() if now is None else now) - days * 86400
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("events"):
            return 0
        with engine.begin() as conn:
            if dry_run:
                return conn.execute(sa.text("SELECT COUNT(*) FROM events WHERE timestamp < :c"),
                                    {"c": cutoff}).scalar()
            return conn.execute(sa.text("DELETE FROM events WHERE timestamp < :c"),
                                {"c": cutoff}).rowcount
    finally:
        engine.dispose()


def purge_from_env(env: dict | None = None, endpoints: Path | None = None) -> int:
    env = dict(os.environ if env is None else env)
    endpoints = endpoints or ROOT / env.get("SIGNPOST_ENDPOINTS", "endpoints.prod.yml")
    return purge(database_url(tracker_store_config(endpoints, env)), retention_days(env))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--endpoints", default=os.environ.get("SIGNPOST_ENDPOINTS", "endpoints.yml"))
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    days = args.days if args.days is not None else retention_days()
    if days < 1:
        parser.error("--days must be at least 1")
    endpoints = Path(args.endpoints)
    if not endpoints.is_absolute():
        endpoints = ROOT / endpoints
    try:
        url = database_url(tracker_store_config(endpoints))
        n = purge(url, days, dry_run=args.dry_run)
    except Exception as exc:  # noqa: BLE001 - one line for cron/systemd, exit non-zero
        print(f"retention: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    verb = "would delete" if args.dry_run else "deleted"
    print(f"retention: {verb} {n} events older than {days} days ({endpoints.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
