"""Personal data: only redacted text is stored (PostgreSQL and SQLite), message text never reaches
the logs at INFO, and retention purges what is older than the configured period."""
import os
import secrets
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.runtime.stack import ROOT, Stack, free_port
from tests.prod.client import Resident, post_json

PERSONAL = {
    "phone": "07700 900123", "email": "jo.bloggs@example.com", "postcode": "SN15 3BX",
    "reg": "AB12 CDE", "dob": "12/03/1985", "card": "4111 1111 1111 1111", "ni": "QQ123456C",
}


def message(marker: str) -> str:
    return (f"{marker} fly tipping again, call me on {PERSONAL['phone']} or {PERSONAL['email']}, "
            f"I live at {PERSONAL['postcode']}, the van was {PERSONAL['reg']}, my date of birth is "
            f"{PERSONAL['dob']}, card {PERSONAL['card']}, NI {PERSONAL['ni']}")


def assert_redacted(rows: list) -> None:
    blob = "\n".join(str(r) for r in rows)
    assert blob, "nothing stored"
    for kind, value in PERSONAL.items():
        assert value not in blob, kind
    assert "3BX" not in blob and "jo.bloggs" not in blob and "900123" not in blob
    assert "SN15" in blob                       # the outward code is kept for routing


def all_logs(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in folder.rglob("*.log"))


# -- production profile: PostgreSQL, through nginx and through the internal REST channel --------
def test_postgresql_stores_only_redacted_text_and_logs_no_text(prod, events):
    # letters only: an all-digit token (2 % of random hex) is rightly redacted as a number
    marker = "zebra" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))
    r = Resident(prod.public_url)
    r.say(message(marker))
    sender = f"privacy-{secrets.token_hex(4)}"
    assert post_json(prod.rest_url, {"sender": sender, "message": message(marker)}).status == 200
    assert_redacted(events(r.sender))
    assert_redacted(events(sender))
    assert marker in str(events(sender))           # the words are kept, only personal data goes
    time.sleep(0.5)
    logs = all_logs(prod.log_dir) + all_logs(prod.run_dir)
    assert "rasa.core" in logs or "Starting" in logs or logs  # logs exist
    assert marker not in logs
    for value in PERSONAL.values():
        assert value not in logs


# -- quick-start profile (`make run`): SQLite ------------------------------------------------
@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("quick")
    stack = Stack(os.environ.get("SIGNPOST_MODEL"), rasa_port=free_port(), actions_port=free_port(),
                  web=False, tracker_db=str(tmp / "tracker.db"), log_dir=tmp / "logs",
                  env={"LOG_LEVEL": "INFO"})
    stack.start()
    yield stack
    stack.stop()


def sqlite_rows(db: str, sender: str = None) -> list:
    import sqlite3
    conn = sqlite3.connect(db)
    try:
        if sender:
            return conn.execute("SELECT type_name, timestamp, data FROM events WHERE sender_id = ?",
                                (sender,)).fetchall()
        return conn.execute("SELECT sender_id, timestamp FROM events").fetchall()
    finally:
        conn.close()


def test_sqlite_stores_only_redacted_text_and_logs_no_text(quick):
    marker = "zebra" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))
    sender = f"privacy-{secrets.token_hex(4)}"
    assert post_json(quick.rest_url, {"sender": sender, "message": message(marker)}).status == 200
    rows = sqlite_rows(quick.tracker_db, sender)
    assert_redacted(rows)
    assert marker in str(rows)
    logs = all_logs(quick.log_dir)
    assert logs and marker not in logs


# -- retention -----------------------------------------------------------------------------------
def run_retention(*args, env=None):
    return subprocess.run([sys.executable, "-m", "bot.privacy.retention", *args], cwd=ROOT,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          timeout=120)


def add_old_events(insert, sender: str, days_old: float, n: int = 3) -> None:
    ts = time.time() - days_old * 86400
    for i in range(n):
        insert(sender, ts + i)


def test_retention_sqlite(quick, tmp_path):
    new_sender = f"ret-new-{secrets.token_hex(3)}"
    old_sender = f"ret-old-{secrets.token_hex(3)}"
    post_json(quick.rest_url, {"sender": new_sender, "message": "fly tipping in Calne"})
    import sqlite3
    conn = sqlite3.connect(quick.tracker_db)
    with conn:
        for days, sender in ((45, old_sender), (31, old_sender), (29, new_sender)):
            conn.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES "
                         "(?, 'user', ?, '{}')", (sender, time.time() - days * 86400))
    conn.close()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {quick.tracker_db}\n")
    dry = run_retention("--endpoints", str(endpoints), "--dry-run")
    assert "would delete 2 events older than 30 days" in dry.stdout, dry.stderr
    result = run_retention("--endpoints", str(endpoints))
    assert result.returncode == 0 and "deleted 2 events" in result.stdout
    senders = [s for s, _ in sqlite_rows(quick.tracker_db)]
    assert old_sender not in senders and senders.count(new_sender) >= 2
    cutoff = time.time() - 30 * 86400
    assert all(ts >= cutoff for _, ts in sqlite_rows(quick.tracker_db))
    # the conversation that stays still works
    answer = post_json(quick.rest_url, {"sender": new_sender, "message": "thanks"})
    assert answer.status == 200 and answer.json()


def test_retention_postgresql_with_env_period(prod, pg_db, events):
    from tests.prod.conftest import pg
    r = Resident(prod.public_url)
    r.say("someone dumped rubbish in our lane")
    kept = len(events(r.sender))
    old = f"ret-old-{secrets.token_hex(3)}"
    conn = pg(pg_db)
    with conn.cursor() as cur:
        for days in (8, 20, 400):
            cur.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES "
                        "(%s, 'user', %s, '{}')", (old, time.time() - days * 86400))
        cur.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES "
                    "(%s, 'user', %s, '{}')", (r.sender, time.time() - 6 * 86400))
    conn.close()
    env = {"SIGNPOST_PG_DB": pg_db, "SIGNPOST_RETENTION_DAYS": "7"}
    result = run_retention("--endpoints", "endpoints.prod.yml", env=env)
    assert result.returncode == 0, result.stderr
    assert "deleted 3 events older than 7 days" in result.stdout
    assert events(old) == [] and len(events(r.sender)) == kept + 1
    # the purge used by run-prod's own scheduler
    from bot.privacy import retention
    assert retention.purge_from_env({**os.environ, **env, "SIGNPOST_RETENTION_DAYS": "5"}) == 1
    route = r.say("Calne")
    assert route and len(events(r.sender)) > kept


def test_retention_refuses_nonsense(tmp_path):
    assert run_retention("--days", "0").returncode != 0
    bad = run_retention("--endpoints", "endpoints.prod.yml",
                        env={"SIGNPOST_PG_PORT": "1", "SIGNPOST_PG_DB": "nope"})
    assert bad.returncode == 1 and "retention: failed" in bad.stderr
