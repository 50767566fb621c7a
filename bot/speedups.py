"""Behaviour-preserving speed-ups applied inside the Rasa server process (bot.rasa_server).

Each was found by profiling (py-spy, `make profile`) and is measured in reports/bench.md
("levers"). None changes what Rasa answers; each can be switched off to compare:

    SIGNPOST_SPEEDUPS=all (default) | none | comma list of names below

* `action_schema`: Rasa validates every action-server reply with `jsonschema.validate()`, which
  first re-checks the (constant) schema itself against the JSON-Schema meta-schema, then builds a
  validator, on every call: a third of the Rasa process's time per action turn. We build the
  validator once and validate each reply with it, raising the very same ValidationError.
* `action_keepalive`: Rasa opens a new aiohttp session (a new TCP connection) for every action
  call. We keep one session per endpoint and event loop, with idle connections dropped after
  2 s, well before the action server's own 5 s keep-alive timeout closes them.
* `event_types`: reading a tracker looks up each stored event's class by walking every subclass
  of Event (and `inspect.isabstract` on each) once per event. We remember the answer per type
  name; an unknown name still goes the original way (and still raises the original error).
* `graph_runner`: each message runs the model graph (NLU, then the policies two or three times)
  through dask's synchronous scheduler, after recomputing the sub-graph for the targets with
  deep copies. We run the same nodes, in dependency order, on the same thread, with the
  sub-graph remembered per set of targets: dask's sync scheduler did exactly this, one node at a
  time, so outputs are unchanged.
* `blas_threads`: numpy's OpenBLAS starts a helper thread per core and splits even the intent
  classifier's tiny matrix-vector product between them. On two shared cores the hand-off costs
  more than the sum (parse time 0.7 ms alone vs 1.7-2.8 ms with two threads, measured), and the
  spinning helper takes CPU from the action server. One BLAS thread per process: same products,
  same results (tests/unit/test_speedups.py compares every parse).
* `domain_empty`: before each message Rasa asks "is the domain empty?" by building a new empty
  Domain and serialising both. The empty domain's serialisation never changes: we build it once.
"""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Dict

logger = logging.getLogger(__name__)
ALL = ("action_schema", "action_keepalive", "event_types", "graph_runner", "domain_empty",
       "blas_threads")
BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
CLIENT_KEEPALIVE_S = 2.0   # < Sanic's KEEP_ALIVE_TIMEOUT (5 s) on the action server
_applied: list = []


def enabled(env: Dict[str, str] = os.environ) -> tuple:
    value = env.get("SIGNPOST_SPEEDUPS", "all").strip().lower()
    if value in ("", "all"):
        return ALL
    if value == "none":
        return ()
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = set(names) - set(ALL)
    if unknown:
        raise ValueError(f"SIGNPOST_SPEEDUPS: unknown {sorted(unknown)}; known: {', '.join(ALL)}")
    return names


def _patch_action_schema() -> None:
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)          # once, as jsonschema.validate() does on every call
    validator = cls(schema)

    def _validate_action_result(self, result: Dict[str, Any]) -> bool:
        # jsonschema.validate(instance, schema) minus the per-call schema check.
        error = best_match(validator.iter_errors(result))
        if error is not None:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response "
                "from the Action endpoint is valid. For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions")
            raise error
        return True

    RemoteAction._validate_action_result = _validate_action_result


class _KeptSession:
    """`async with` yields the kept session and leaves it open."""

    def __init__(self, session) -> None:
        self.session = session

    async def __aenter__(self):
        return self.session

    async def __aexit__(self, *exc) -> None:
        return None


def _patch_action_keepalive() -> None:
    import aiohttp
    import rasa.utils.endpoints as endpoints
    from rasa.utils.endpoints import EndpointConfig

    original = EndpointConfig.session

    def session(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return original(self)
        kept = self.__dict__.get("_signpost_session")
        if kept is None or kept.closed or kept._loop is not loop:
            auth = None
            if self.basic_auth:
                auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
            kept = aiohttp.ClientSession(
                headers=self.headers, auth=auth,
                # read when the session is made: bot.rasa_server bounds it (guards)
                timeout=aiohttp.ClientTimeout(total=endpoints.DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=CLIENT_KEEPALIVE_S, limit=100))
            self.__dict__["_signpost_session"] = kept
        return _KeptSession(kept)

    EndpointConfig.session = session


def _patch_event_types() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type   # a staticmethod: a plain function here
    known: Dict[str, Any] = {}

    def resolve_by_type(type_name, default=None):
        cls = known.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                known[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)


def _patch_graph_runner() -> None:
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    def plan_for(self, run_targets) -> list:
        """[(node name, [names it needs, in `needs` order])] in dependency order."""
        plans = self.__dict__.setdefault("_signpost_plans", {})
        key = tuple(run_targets)
        if key not in plans:
            minimal = self._graph_schema.minimal_graph_schema(list(run_targets))
            order, seen = [], set()

            def visit(name: str) -> None:
                if name in seen or name not in minimal.nodes:
                    return
                seen.add(name)
                for dependency in minimal.nodes[name].needs.values():
                    visit(dependency)
                order.append((name, list(minimal.nodes[name].needs.values())))

            for name in minimal.nodes:
                visit(name)
            plans[key] = order
        return plans[key]

    def run(self, inputs=None, targets=None):
        run_targets = targets if targets else self._graph_schema.target_names
        plan = plan_for(self, run_targets)
        values: Dict[str, Any] = {}
        if inputs:
            nodes = {name for name, _ in plan}
            for input_name, input_value in inputs.items():
                if isinstance(input_value, str) and input_value in nodes:
                    raise GraphRunError(
                        f"Input value '{input_value}' clashes with a node name. Make sure "
                        f"that none of the input names passed to the `run` method are the "
                        f"same as node names in the graph schema.")
                values[input_name] = (input_name, input_value)
        try:
            for name, needs in plan:
                # like dask: a name that is neither a node nor an input is passed as is
                values[name] = self._instantiated_nodes[name](*[values.get(n, n) for n in needs])
            return dict(values.get(t, t) for t in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e

    DaskGraphRunner.run = run


def _patch_domain_empty() -> None:
    from rasa.shared.core.domain import Domain

    empty: list = []

    def is_empty(self) -> bool:
        if not empty:
            empty.append(Domain.empty().as_dict())
        return self.as_dict() == empty[0]

    Domain.is_empty = is_empty


def _patch_blas_threads() -> None:
    # Libraries loaded from now on read these; those already loaded are limited below.
    for name in BLAS_ENV:
        os.environ.setdefault(name, "1")
    import numpy  # noqa: F401  (loads its BLAS so that threadpoolctl can find it)
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1, user_api="blas")


_PATCHES = {"action_schema": _patch_action_schema, "action_keepalive": _patch_action_keepalive,
            "event_types": _patch_event_types, "graph_runner": _patch_graph_runner,
            "domain_empty": _patch_domain_empty, "blas_threads": _patch_blas_threads}


def apply(env: Dict[str, str] = os.environ) -> list:
    """Apply the enabled speed-ups once; returns their names."""
    for name in enabled(env):
        if name not in _applied:
            _PATCHES[name]()
            _applied.append(name)
    if _applied:
        logger.info("Signpost speed-ups: %s", ", ".join(_applied))
    return list(_applied)
