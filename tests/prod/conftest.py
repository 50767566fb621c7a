"""The production topology (bot.runtime.production.ProductionStack) on free ports, for tests/prod.

Run by `make test-prod` (SIGNPOST_PROD_TESTS=1); `make test` skips this folder. Test data is
isolated: a PostgreSQL database of its own (signpost_test_<random>, dropped afterwards) and a Redis
database number other than 0 with a random key prefix. The social channels (Messenger, Telegram,
Twilio) are switched on, as a real deployment has them, with their outbound calls going to a local
fake platform API (tests/channels/fake_platform.py) that records them.
"""
import os
import secrets
import time

import pytest

if not os.environ.get("SIGNPOST_PROD_TESTS"):
    collect_ignore_glob = ["test_*.py"]

from bot.runtime.production import SupervisedProduction  # noqa: E402
from bot.runtime.stack import free_port  # noqa: E402
from tests.channels.conftest import social_env  # noqa: E402
from tests.channels.fake_platform import FakePlatform  # noqa: E402

REDIS_DB = 7
JWT_SECRET = secrets.token_urlsafe(32)


def pg(dbname="postgres", autocommit=True):
    import psycopg2
    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=dbname,
                            connect_timeout=5)
    conn.autocommit = autocommit
    return conn


def wait_for_pg(timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            pg().close()
            return True
        except Exception:  # noqa: BLE001
            time.sleep(0.5)
    return False


@pytest.fixture(scope="session")
def pg_db():
    name = f"signpost_test_{secrets.token_hex(4)}"
    conn = pg()
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    yield name
    wait_for_pg()
    conn = pg()
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


@pytest.fixture(scope="session")
def redis_prefix():
    prefix = f"sptest{secrets.token_hex(4)}"
    yield prefix
    import redis
    try:
        r = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=5)
        keys = list(r.scan_iter(f"{prefix}*"))
        if keys:
            r.delete(*keys)
    except redis.RedisError:
        pass


def stack_env(pg_db, redis_prefix, **extra):
    return {
        "SIGNPOST_HTTP_PORT": str(free_port()), "SIGNPOST_INTERNAL_PORT": str(free_port()),
        "SIGNPOST_RASA_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_ACTIONS_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_WEB_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_PG_DB": pg_db, "SIGNPOST_REDIS_DB": str(REDIS_DB),
        "SIGNPOST_REDIS_PREFIX": redis_prefix, "SIGNPOST_RATE_LIMITS": "1",
        "SIGNPOST_RASA_JWT_SECRET": JWT_SECRET, "SIGNPOST_RETENTION_EVERY_HOURS": "0",
        "LOG_LEVEL": "INFO", **extra,
    }


@pytest.fixture(scope="session")
def platform():
    """The fake Graph, Telegram Bot and Twilio APIs: every reply the stack sends, recorded."""
    fake = FakePlatform().start()
    yield fake
    fake.stop()


# A social delivery stays "in progress" this long (30 s in production): short, so that
# test_redelivery.py sees a replica killed mid-turn answered by the other within seconds.
IN_PROGRESS_S = 6


@pytest.fixture(scope="session")
def prod(tmp_path_factory, pg_db, redis_prefix, platform):
    prod = SupervisedProduction(tmp_path_factory.mktemp("prod"),
                                stack_env(pg_db, redis_prefix, **social_env(platform.url),
                                          SIGNPOST_REDELIVERY_IN_PROGRESS_S=str(IN_PROGRESS_S)))
    prod.start()
    yield prod
    code = prod.stop()
    status = prod.status()
    for name, p in status["processes"].items():   # nothing left running after a stop
        assert p["state"] == "stopped", (name, p)
    assert code == 0, prod.supervisor_log()


@pytest.fixture()
def events(pg_db):
    """events(sender) -> [(id, type_name, intent_name, action_name, data)] in PostgreSQL."""
    def _events(sender):
        conn = pg(pg_db)
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT id, type_name, intent_name, action_name, data FROM events "
                            "WHERE sender_id = %s ORDER BY id", (sender,))
                return cur.fetchall()
        finally:
            conn.close()
    return _events


