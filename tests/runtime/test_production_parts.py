"""Unit tests of the production pieces: per-sender limiter, model checksum, guards, retention config,
production settings."""
import subprocess
import sys

import pytest

from bot.channels import limits
from bot.privacy import retention
from bot.runtime import guards, modelcheck, production
from bot.runtime.stack import REQUEST_MAX_SIZE, ROOT, Stack


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_token_bucket_allows_a_burst_then_asks_to_wait():
    clock = Clock()
    limiter = limits.TokenBucketLimiter(per_minute=6, burst=3, clock=clock)
    assert [limiter.check("a") for _ in range(3)] == [None, None, None]
    retry = limiter.check("a")
    assert retry == 10                       # one token every 10 s
    assert limiter.check("b") is None        # other senders are not affected
    clock.t += 10
    assert limiter.check("a") is None and limiter.check("a") is not None


def test_token_bucket_memory_is_bounded():
    limiter = limits.TokenBucketLimiter(per_minute=60, burst=1, max_keys=100)
    for i in range(1000):
        limiter.check(f"sender-{i}")
    assert len(limiter) == 100


def test_limits_are_off_unless_configured(monkeypatch):
    monkeypatch.delenv("SIGNPOST_RATE_LIMITS", raising=False)
    assert isinstance(limits.from_env(), limits.NoLimit)
    monkeypatch.setenv("SIGNPOST_RATE_LIMITS", "1")
    monkeypatch.setenv("SIGNPOST_SENDER_BURST", "2")
    limiter = limits.from_env()
    assert limiter.check("x") is None and limiter.check("x") is None and limiter.check("x")


def test_model_checksum(tmp_path):
    model = tmp_path / "signpost-x.tar.gz"
    model.write_bytes(b"model bytes")
    with pytest.raises(modelcheck.ModelIntegrityError, match="no signpost-x.tar.gz.sha256"):
        modelcheck.verify(model, models_dir=tmp_path)
    modelcheck.write(model)
    assert modelcheck.verify(model, models_dir=tmp_path)
    model.write_bytes(b"tampered")
    with pytest.raises(modelcheck.ModelIntegrityError, match="not our build"):
        modelcheck.verify(model, models_dir=tmp_path)
    with pytest.raises(modelcheck.ModelIntegrityError, match="outside"):
        modelcheck.verify(model)                     # not in the project's models/


def test_guard_refuses_a_model_only_in_production(tmp_path, monkeypatch):
    monkeypatch.delenv("SIGNPOST_REQUIRE_MODEL_CHECKSUM", raising=False)
    assert guards.check_model(["run", "--model", str(tmp_path / "x.tar.gz")]) is None
    monkeypatch.setenv("SIGNPOST_REQUIRE_MODEL_CHECKSUM", "1")
    assert "outside" in guards.check_model(["run", "--model", str(tmp_path / "x.tar.gz")])
    assert "required" in guards.check_model(["run"])


def run_coroutine(coro):
    """Run a coroutine on a fresh loop in a worker thread (another test may leave a loop running
    in this one, e.g. Playwright's sync API)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_guards_bound_the_action_timeout_and_make_store_errors_loud(monkeypatch):
    import rasa.core.actions.action as action
    import rasa.core.tracker_store as ts
    import rasa.utils.endpoints as endpoints
    # undo every patch after the test: other tests in this process use stock Rasa
    monkeypatch.setattr(action, "DEFAULT_REQUEST_TIMEOUT", action.DEFAULT_REQUEST_TIMEOUT)
    monkeypatch.setattr(endpoints, "DEFAULT_REQUEST_TIMEOUT", endpoints.DEFAULT_REQUEST_TIMEOUT)
    monkeypatch.setattr(ts, "create_engine_kwargs", ts.create_engine_kwargs)
    for name in ("retrieve", "retrieve_full_tracker", "save"):
        monkeypatch.setattr(ts.FailSafeTrackerStore, name, getattr(ts.FailSafeTrackerStore, name))
    monkeypatch.setattr(ts.FailSafeTrackerStore, "_signpost_strict", False, raising=False)
    monkeypatch.setenv("SIGNPOST_ACTION_TIMEOUT", "3")
    monkeypatch.setenv("SANIC_REQUEST_MAX_SIZE", "65536")   # apply() sets it; undone after
    guards.apply()
    assert action.DEFAULT_REQUEST_TIMEOUT == 3.0
    assert ts.create_engine_kwargs("postgresql://x/y")["pool_pre_ping"] is True

    class Broken(ts.InMemoryTrackerStore):
        async def retrieve(self, sender_id):
            raise RuntimeError("database says: secret parameters")

    from rasa.shared.core.domain import Domain
    store = ts.FailSafeTrackerStore(Broken(Domain.empty()))
    with pytest.raises(guards.TrackerStoreUnavailable) as err:
        run_coroutine(store.retrieve("someone"))
    assert "secret" not in str(err.value)


def test_every_profile_caps_sanic_bodies(tmp_path, monkeypatch):
    monkeypatch.delenv("SANIC_REQUEST_MAX_SIZE", raising=False)
    stack = Stack(model=str(tmp_path / "m.tar.gz"), web=True)
    for name in ("rasa", "actions", "web"):
        assert int(stack.env_for(name)["SANIC_REQUEST_MAX_SIZE"]) == REQUEST_MAX_SIZE[name]
    assert REQUEST_MAX_SIZE["rasa"] == 64 * 1024


def test_production_settings_are_documented_and_defaulted():
    env = {"SIGNPOST_PG_DB": "x"}
    assert production.setting("SIGNPOST_PG_DB", env) == "x"
    assert production.setting("SIGNPOST_RASA_REPLICAS", env) == "2"
    assert production.setting("SIGNPOST_RASA_JWT_SECRET", env) == ""
    help_text = subprocess.run([sys.executable, "-m", "bot.runtime.production", "-h"], cwd=ROOT,
                               capture_output=True, text=True, timeout=60).stdout
    for name in production.VARIABLES:
        assert name in help_text


def test_retention_reads_the_tracker_store_from_endpoints(tmp_path):
    store = retention.tracker_store_config(ROOT / "endpoints.prod.yml",
                                           {"SIGNPOST_PG_DB": "mydb", "SIGNPOST_PG_HOST": "db"})
    assert store["db"] == "mydb" and store["url"] == "db" and store["port"] == "5432"
    url = retention.database_url(store)
    assert url.startswith("postgresql://") and "mydb" in url
    quick = retention.tracker_store_config(ROOT / "endpoints.yml", {})   # the make run store
    assert retention.database_url(quick).startswith("sqlite:///")
    assert retention.is_sql_store("SQL") and not retention.is_sql_store("redis")
    assert not retention.is_sql_store("os.path") and not retention.is_sql_store("no.such.Store")
    with pytest.raises(ValueError):
        retention.retention_days({"SIGNPOST_RETENTION_DAYS": "0"})
    assert retention.retention_days({}) == 30
