"""Behaviour-preserving speed-ups applied inside the Rasa server process (bot.runtime.rasa_server).

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
  same results (tests/runtime/test_speedups.py compares every parse).
* `domain_empty`: before each message Rasa asks "is the domain empty?" by building a new empty
  Domain and serialising both. The empty domain's serialisation never changes: we build it once.
* `debug_copies`: the processor and RulePolicy deep-copy events, slots and states for every
  `structlogger.debug(...)` call, and the copies are thrown away unless debug logging is on. We
  skip the copy when the `rasa` logger is not enabled for DEBUG (with --debug it is made again).
* `rule_keys`: RulePolicy matches the conversation's states against every rule, one turn at a
  time from the latest back, on every prediction (twice or three times a turn). A rule can only
  be ruled out by the turns within its own length, so the matching rules depend on the last N
  states alone (N = the longest rule). We remember the answer for those states (bounded LRU).
* `action_events`: the action-reply schema checks each event against all 23 event schemas
  (`oneOf`). Event schemas differ by their `event` constant, so an event is valid exactly when the
  one schema with its constant accepts it. We check each event against that schema only; any
  reply this fast check does not accept goes through the full validator, which raises as before.
  Events whose schema is only their constant (bot, followup, ...) and `slot` are checked by hand
  against the same rules (object, string `event`, number-or-null `timestamp`, object-or-null
  `metadata`; `slot` needs a string `name` and a `value`).
* `slot_copy`: every tracker (and every prior tracker RulePolicy builds to read the history)
  starts with `copy.copy()` of each slot, which goes through `__reduce_ex__` and copyreg. Slots
  are plain objects, so we give them the `__copy__` that does exactly what that path does: a new
  instance of the same class with the same attribute dict.
* `ruler_len`: spaCy's EntityRuler counts all its patterns on every message, only to warn if
  there are none (323 places: a third of the ruler's time). We ask "is any pattern list
  non-empty?" instead, which stops at the first one.
* `latest_turn_events`: Rasa sends the action server the whole conversation (every event since the
  session started, each user message with its full parse) on every call; the payload grows with
  every turn, and encoding and decoding it is most of the call's cost. With
  `send_events: latest_turn` on the action endpoint (endpoints.yml), only the events from the
  latest user message on are sent: `latest_message`, the slots and everything else in the tracker
  state are unchanged, and earlier messages no longer leave Rasa (data minimisation).
  action_answer reads only the latest message, the slots and the latest input channel
  (tests/runtime/test_speedups.py). Without the key, the call is exactly Rasa's.
* `answer_listens` (read by the action server, actions/answer.py): action_answer ends the bot's
  turn with FollowupAction(action_listen), as every rule and story already does after it
  (tests/test_rasa_project.py), so Rasa skips the policy run that would only predict
  action_listen: one policy run per message instead of two.
"""
from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

logger = logging.getLogger(__name__)
ALL = ("action_schema", "action_keepalive", "event_types", "graph_runner", "domain_empty",
       "blas_threads", "debug_copies", "rule_keys", "action_events", "slot_copy", "ruler_len",
       "answer_listens", "latest_turn_events")
RULE_KEY_CACHE_SIZE = 20_000
BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
CLIENT_KEEPALIVE_S = 2.0   # < Sanic's KEEP_ALIVE_TIMEOUT (5 s) on the action server
_applied: list = []


def enabled(env: Mapping[str, str] = os.environ) -> tuple:
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

    def _validate_action_result(self, result: dict[str, Any]) -> bool:
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
                # read when the session is made: bot.runtime.rasa_server bounds it (guards)
                timeout=aiohttp.ClientTimeout(total=endpoints.DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=CLIENT_KEEPALIVE_S, limit=100))
            self.__dict__["_signpost_session"] = kept
        return _KeptSession(kept)

    EndpointConfig.session = session


def _patch_event_types() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type   # a staticmethod: a plain function here
    known: dict[str, Any] = {}

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
        values: dict[str, Any] = {}
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


def _patch_debug_copies() -> None:
    import copy as real_copy

    import rasa.core.policies.rule_policy as rule_policy
    import rasa.core.processor as processor

    rasa_logger = logging.getLogger("rasa")

    class _DebugOnlyCopy:
        """Stands in for the `copy` module in modules whose deep copies only feed debug logs."""

        def __getattr__(self, name: str):
            return getattr(real_copy, name)

        @staticmethod
        def deepcopy(value, memo=None):
            if rasa_logger.isEnabledFor(logging.DEBUG):
                return real_copy.deepcopy(value, memo)
            return value

    # In these two modules every `copy.deepcopy(...)` is an argument of structlogger.debug
    # (rasa 3.6.21: processor.py lines 207, 658, 731, 733, 1040, 1050; rule_policy.py line 1027).
    processor.copy = _DebugOnlyCopy()
    rule_policy.copy = _DebugOnlyCopy()


def _patch_rule_keys() -> None:
    from collections import OrderedDict

    from rasa.core.policies.rule_policy import RulePolicy

    original = RulePolicy._get_possible_keys

    def _get_possible_keys(self, lookup, states):
        caches = self.__dict__.setdefault("_signpost_rule_keys", {})
        entry = caches.get(id(lookup))
        if entry is None or entry[0] is not lookup:
            longest = max((len(self._rule_key_to_state(k)) for k in lookup), default=0)
            entry = caches[id(lookup)] = (lookup, longest, OrderedDict())
        _, longest, cache = entry
        # Beyond the longest rule every key is applicable (turn_index >= len(rule)): only the
        # last `longest` states can rule a key out.
        # repr keeps tuples apart from lists and 1 from "1" (states hold str, float, tuple, dict).
        key = repr(states[-longest:] if longest else [])
        found = cache.get(key)
        if found is None:
            found = frozenset(original(self, lookup, states))
            cache[key] = found
            if len(cache) > RULE_KEY_CACHE_SIZE:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return set(found)

    RulePolicy._get_possible_keys = _get_possible_keys


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)  # JSON Schema's number


def _event_fields(event: dict) -> bool:
    """EVENT_SCHEMA's own part: a string `event`, number-or-null `timestamp`, object-or-null
    `metadata` (only when present)."""
    timestamp, metadata = event.get("timestamp"), event.get("metadata")
    return (isinstance(event.get("event"), str)
            and (timestamp is None or _is_number(timestamp))
            and (metadata is None or isinstance(metadata, dict)))


def _no_more(_event: dict) -> bool:
    return True


def _slot_fields(event: dict) -> bool:
    return isinstance(event.get("name"), str) and "value" in event


def _patch_slot_copy() -> None:
    from rasa.shared.core.slots import Slot

    def __copy__(self: object) -> object:
        # what copy.copy does for a plain object: cls.__new__(cls), then the __dict__ copied
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

    Slot.__copy__ = __copy__


def _patch_ruler_len() -> None:
    import warnings

    from spacy.errors import Warnings
    from spacy.pipeline.entityruler import EntityRuler

    def _require_patterns(self) -> None:
        if not any(self.token_patterns.values()) and not any(self.phrase_patterns.values()):
            warnings.warn(Warnings.W036.format(name=self.name), stacklevel=1)  # as spaCy's own

    EntityRuler._require_patterns = _require_patterns  # type: ignore[method-assign]  # a patch of spaCy's method


SEND_EVENTS_KEY = "send_events"
LATEST_TURN = "latest_turn"


def check_action_endpoint(path) -> str | None:
    """Why the action endpoint in the endpoints file `path` cannot start; None when it can.
    Read once at start-up (bot.runtime.rasa_server), so a typo stops Rasa instead of every action call."""
    import yaml
    if not path:
        return None
    try:
        data = yaml.safe_load(open(path, encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None   # Rasa reports an unreadable endpoints file itself
    endpoint = data.get("action_endpoint") if isinstance(data, dict) else None
    wanted = endpoint.get(SEND_EVENTS_KEY) if isinstance(endpoint, dict) else None
    if wanted is None or wanted == LATEST_TURN:
        return None
    return (f"{path}: action_endpoint.{SEND_EVENTS_KEY} is {wanted!r}; use '{LATEST_TURN}', "
            f"or leave it out to send every event")


def latest_turn(events) -> list:
    """The events from the latest user message on (all of them if there is none)."""
    from rasa.shared.core.events import UserUttered
    events = list(events)
    for i in range(len(events) - 1, -1, -1):
        if isinstance(events[i], UserUttered):
            return events[i:]
    return events


def _patch_latest_turn_events() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import EventVerbosity

    class _NoEvents:
        """The tracker, but current_state() leaves the events out (they are added trimmed)."""

        def __init__(self, tracker) -> None:
            self._tracker = tracker

        def __getattr__(self, name):
            return getattr(self._tracker, name)

        def current_state(self, event_verbosity=EventVerbosity.NONE):
            return self._tracker.current_state(EventVerbosity.NONE)

    original = RemoteAction._action_call_format

    def _action_call_format(self, tracker, domain):
        endpoint = self.action_endpoint
        # the value was checked at start-up (check_action_endpoint)
        if endpoint is None or endpoint.kwargs.get(SEND_EVENTS_KEY) != LATEST_TURN:
            return original(self, tracker, domain)
        result = original(self, _NoEvents(tracker), domain)
        result["tracker"]["events"] = [e.as_dict() for e in latest_turn(tracker.events)]
        return result

    RemoteAction._action_call_format = _action_call_format


def _patch_action_events() -> None:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.utils.schemas.events import EVENT_SCHEMA

    full = RemoteAction._validate_action_result   # the action_schema validator when enabled
    outer = {k: v for k, v in EVENT_SCHEMA.items() if k != "oneOf"}
    by_event: dict[Any, Any] = {}   # both looked up by whatever an event's "event" holds
    by_hand: dict[Any, Callable[[dict], bool]] = {}
    slot_schema = {"properties": {"event": {"const": "slot"}, "name": {"type": "string"},
                                  "value": {}}, "required": ["name", "value"]}
    for sub in EVENT_SCHEMA["oneOf"]:
        name = sub["properties"]["event"]["const"]
        schema = {**outer, "allOf": [sub]}
        by_event[name] = validator_for(schema)(schema)
        if sub == {"properties": {"event": {"const": name}}}:
            by_hand[name] = _no_more
        elif sub == slot_schema:
            by_hand[name] = _slot_fields
    hand_outer = outer == {
        "type": "object", "required": ["event"],
        "properties": {"event": {"type": "string"}, "timestamp": {"type": ["number", "null"]},
                       "metadata": {"type": ["object", "null"]}}}

    def accepted(result) -> bool:
        if not isinstance(result, dict):
            return False
        events = result.get("events", [])
        responses = result.get("responses", [])
        if not isinstance(events, list) or not isinstance(responses, list):
            return False
        if not all(isinstance(r, dict) for r in responses):
            return False
        for event in events:
            if not isinstance(event, dict):
                return False
            check = by_hand.get(event.get("event")) if hand_outer else None
            if check is not None and _event_fields(event) and check(event):
                continue
            validator = by_event.get(event.get("event"))
            if validator is None or not validator.is_valid(event):
                return False
        return True

    def _validate_action_result(self, result: dict[str, Any]) -> bool:
        return True if accepted(result) else full(self, result)

    RemoteAction._validate_action_result = _validate_action_result


_PATCHES = {"action_schema": _patch_action_schema, "action_keepalive": _patch_action_keepalive,
            "event_types": _patch_event_types, "graph_runner": _patch_graph_runner,
            "domain_empty": _patch_domain_empty, "blas_threads": _patch_blas_threads,
            "debug_copies": _patch_debug_copies, "rule_keys": _patch_rule_keys,
            "action_events": _patch_action_events, "slot_copy": _patch_slot_copy,
            "ruler_len": _patch_ruler_len,
            "answer_listens": lambda: None,   # nothing to patch in Rasa: see actions/answer.py
            "latest_turn_events": _patch_latest_turn_events}


def apply(env: Mapping[str, str] = os.environ) -> list:
    """Apply the enabled speed-ups once; returns their names."""
    for name in enabled(env):
        if name not in _applied:
            _PATCHES[name]()
            _applied.append(name)
    if _applied:
        logger.info("Signpost speed-ups: %s", ", ".join(_applied))
    return list(_applied)
