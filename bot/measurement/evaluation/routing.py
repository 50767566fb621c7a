"""Whole-bot routing on the real-voice corpus: does a resident reach an acceptable body?

Each corpus item is sent, as a new conversation, to a running Signpost over its REST channel
(exactly what a resident's message goes through: Rasa NLU, the safety net, rules, the action
server). When the bot asks for the place, the evaluator answers like a resident would: with the
place the message named, else with a neutral town (Trowbridge) since the item's labels then accept
either council. The first body the bot directs the resident to is the outcome:

- an emergency item counts as reached only when the 999 answer comes first;
- "Did you mean …?" with no direction counts as not reached (fell back);
- an out-of-scope answer counts as the label `none`;
- `council` in the labels accepts either council.

    python -m bot.measurement.evaluation.routing [--model M] [--splits dev,test] [--out reports]

writes reports/routing.md and reports/routing.json (see `write_report`). Figures are ratios in
[0, 1]; latencies in ms.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bot.measurement.evaluation.corpus import COUNCIL, NONE, SPLITS, Item, load
from bot.measurement.evaluation.keywords import keyword_agency

COUNCILS = ("wiltshire_council", "swindon_borough_council")
NEUTRAL_PLACE = "Trowbridge"
FALLBACK, NO_ANSWER = "fallback", "no_answer"
Post = Callable[[str, str], list]


@dataclass
class Outcome:
    """What the bot did with one item. `agency` is the first body it directed to (or FALLBACK,
    NO_ANSWER, NONE for an out-of-scope answer)."""

    text: str
    split: str
    kind: str
    labels: tuple[str, ...]
    emergency: bool
    agency: str
    topic: str | None = None
    emergency_first: bool = False
    any_emergency: bool = False
    asked_place: bool = False
    fell_back: bool = False
    suggestions: list[str] = field(default_factory=list)
    also_labels: tuple[str, ...] = ()   # a second problem's acceptable bodies (corpus also_agencies)
    given: list[str] = field(default_factory=list)   # every body directed to, in order

    @property
    def accepted(self) -> bool:
        if self.emergency:
            return self.emergency_first
        return acceptable(self.agency, self.labels)

    @property
    def both_answered(self) -> bool:
        """A two-problem message: one answer reached a body for each problem (any order)."""
        main = [i for i, a in enumerate(self.given) if acceptable(a, self.labels)]
        also = [i for i, a in enumerate(self.given) if acceptable(a, self.also_labels)]
        return any(m != a for m in main for a in also)

    @property
    def extra_answer(self) -> bool:
        """A one-problem message answered with a second body that none of its labels accept."""
        bodies = [a for a in self.given if a != "police_999"]
        return len(set(bodies)) > 1 and any(not acceptable(a, self.labels) for a in bodies[1:])


def acceptable(agency: str, labels: Iterable[str]) -> bool:
    """Is `agency` one of the labels (`council` standing for either council)?"""
    labels = set(labels)
    return agency in labels or (COUNCIL in labels and agency in COUNCILS)


def _routes(replies: list) -> list[dict]:
    return [r["custom"]["route"] for r in replies
            if isinstance(r.get("custom"), dict) and isinstance(r["custom"].get("route"), dict)]


def _is_999(route: dict) -> bool:
    """The 999 answer, or a topic's context rule sending the resident to 999 ("still there")."""
    return bool(route.get("emergency")) or route.get("agency") == "police_999"


def _asks_place(replies: list) -> bool:
    return any(isinstance(r.get("custom"), dict) and r["custom"].get("ask") == "place" for r in replies)


def _out_of_scope(replies: list) -> bool:
    return any(isinstance(r.get("custom"), dict) and r["custom"].get("out_of_scope") for r in replies)


def converse(post: Post, item: Item, sender: str) -> Outcome:
    """Send one item (and, if asked, the place) and read the first direction given."""
    replies = post(sender, item.text)
    out = Outcome(text=item.text, split=item.split, kind=item.kind, labels=item.agencies,
                  emergency=item.emergency, agency=NO_ANSWER, also_labels=item.also_agencies)
    routes = _routes(replies)
    out.emergency_first = bool(routes) and _is_999(routes[0])
    out.any_emergency = any(_is_999(r) for r in routes)
    if _asks_place(replies) and not out.emergency_first:
        out.asked_place = True
        replies = replies + post(sender, item.place or NEUTRAL_PLACE)
        routes = _routes(replies)
        out.any_emergency = out.any_emergency or any(_is_999(r) for r in routes)
    out.given = [str(r["agency"]) for r in routes if r.get("agency")]
    if routes:
        first = routes[0]
        out.agency, out.topic = first.get("agency") or NO_ANSWER, first.get("topic")
    elif _out_of_scope(replies):
        out.agency = NONE
    else:
        buttons = [b.get("payload", "") for r in replies for b in r.get("buttons") or []]
        if buttons:
            out.agency, out.fell_back = FALLBACK, True
            out.suggestions = [b.lstrip("/") for b in buttons]
    return out


def rest_poster(rest_url: str, timeout: float = 30) -> Post:
    def post(sender: str, text: str) -> list:
        req = urllib.request.Request(rest_url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read() or b"[]")
    return post


def run_items(post: Post, items: list[Item], prefix: str = "eval") -> list[Outcome]:
    return [converse(post, item, f"{prefix}-{i}-{int(time.time() * 1000) % 100000}")
            for i, item in enumerate(items)]


def ratio(k: float, d: float) -> float | None:
    return round(k / d, 4) if d else None


def score(outcomes: list[Outcome]) -> dict:
    """Accuracy overall and by labelled agency, fallback / ask rates, 999 recall and false 999."""
    n = len(outcomes)
    emergencies = [o for o in outcomes if o.emergency]
    others = [o for o in outcomes if not o.emergency]
    by_agency: dict[str, list[bool]] = defaultdict(list)
    for o in outcomes:
        for label in set(o.labels):
            by_agency[label].append(o.accepted)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for o in outcomes:
        by_kind[o.kind].append(o.accepted)
    two = [o for o in others if o.also_labels]
    single = [o for o in others if not o.also_labels]
    confusions = Counter((("|".join(sorted(o.labels))), o.agency) for o in outcomes if not o.accepted)
    return {
        "items": n,
        "accuracy": ratio(sum(o.accepted for o in outcomes), n),
        "fell_back": ratio(sum(o.fell_back for o in outcomes), n),
        "asked_place": ratio(sum(o.asked_place for o in outcomes), n),
        "emergencies": len(emergencies),
        "emergency_recall": ratio(sum(o.emergency_first for o in emergencies), len(emergencies)),
        "false_999": ratio(sum(o.any_emergency for o in others), len(others)),
        "false_999_count": sum(o.any_emergency for o in others),
        "two_problems": len(two),
        "both_answered": ratio(sum(o.both_answered for o in two), len(two)),
        "extra_answers": ratio(sum(o.extra_answer for o in single), len(single)),
        "by_agency": {a: {"items": len(v), "accuracy": ratio(sum(v), len(v))}
                      for a, v in sorted(by_agency.items())},
        "by_kind": {k: {"items": len(v), "accuracy": ratio(sum(v), len(v))}
                    for k, v in sorted(by_kind.items())},
        "confusions": [{"expected": e, "got": g, "count": c} for (e, g), c in confusions.most_common(25)],
    }


def keyword_outcomes(items: list[Item]) -> list[Outcome]:
    """The 15-rule keyword script (bot.measurement.evaluation.keywords) scored the same way."""
    outs = []
    for item in items:
        agency = keyword_agency(item.text)
        outs.append(Outcome(text=item.text, split=item.split, kind=item.kind, labels=item.agencies,
                            emergency=item.emergency, agency=agency,
                            emergency_first=agency == "police_999", any_emergency=agency == "police_999"))
    return outs


def _pct(x) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def write_report(results: dict, out_dir: Path, candidates: dict | None = None) -> Path:
    """reports/routing.md (+ routing.json): per split, Signpost vs the keyword script, by agency,
    by kind, confusions, misses; then the candidate comparison if given."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "routing.json").write_text(json.dumps({**results, "candidates": candidates}, indent=1))
    lines = ["# Routing on real voices", "",
             "Generated by `make evaluate` (bot/measurement/evaluation/routing.py) on "
             f"{results['when']}, model `{results['model']}`.",
             "",
             "Each message of the real-voice corpus (tests/realvoice: written by the team from one public "
             "post each, source kept) is sent as a new conversation to a running Signpost over REST; "
             "when asked for the place, the evaluator gives the place the message named (else "
             "Trowbridge). A message counts as routed when the first body Signpost directs to is one "
             "of its acceptable bodies; an emergency counts only when the 999 answer comes first. "
             "The test split is never trained on and not tuned against.", "",
             "| split | items | Signpost | keyword script | fell back | asked place | 999 recall | "
             "false 999 |", "|---|---|---|---|---|---|---|---|"]
    for split, r in results["splits"].items():
        s, k = r["signpost"], r["keywords"]
        lines.append(f"| {split} | {s['items']} | **{_pct(s['accuracy'])}** | {_pct(k['accuracy'])} | "
                     f"{_pct(s['fell_back'])} | {_pct(s['asked_place'])} | "
                     f"{_pct(s['emergency_recall'])} ({s['emergencies']}) | {_pct(s['false_999'])} "
                     f"({s['false_999_count']}) |")
    lines += ["", "Two problems in one message (items labelled with a second problem for a different "
              "body, `also_agencies`): both answered means some answer reached a body for each; an "
              "extra answer is a second body, accepted by none of its labels, given to a message "
              "with one problem.", "",
              "| split | two-problem items | both answered | extra answers on one-problem items |",
              "|---|---|---|---|"]
    for split, r in results["splits"].items():
        s = r["signpost"]
        lines.append(f"| {split} | {s.get('two_problems', 0)} | {_pct(s.get('both_answered'))} | "
                     f"{_pct(s.get('extra_answers'))} |")
    for split, r in results["splits"].items():
        s, k = r["signpost"], r["keywords"]
        lines += ["", f"## {split}: accuracy by acceptable agency", "",
                  "| agency | items | Signpost | keyword script |", "|---|---|---|---|"]
        for agency, v in s["by_agency"].items():
            lines.append(f"| `{agency}` | {v['items']} | {_pct(v['accuracy'])} | "
                         f"{_pct(k['by_agency'].get(agency, {}).get('accuracy'))} |")
        lines += ["", f"### {split}: by kind of message", "", "| kind | items | Signpost |", "|---|---|---|"]
        lines += [f"| {kind} | {v['items']} | {_pct(v['accuracy'])} |" for kind, v in s["by_kind"].items()]
        lines += ["", f"### {split}: confusions (acceptable → what Signpost gave)", "",
                  "| acceptable | got | count |", "|---|---|---|"]
        lines += [f"| {c['expected']} | {c['got']} | {c['count']} |" for c in s["confusions"]]
    if candidates:
        lines += ["", "## Candidate intent models", "", candidates.get("note", ""), "",
                  "| candidate | dev routing (in-process) | dev 999 recall | dev false 999 | parse p50 |",
                  "|---|---|---|---|---|"]
        for c in candidates["rows"]:
            lines.append(f"| {c['name']}{' (served)' if c.get('served') else ''} | {_pct(c['dev'])} | "
                         f"{_pct(c.get('dev_recall'))} | {_pct(c.get('dev_false_999'))} | "
                         f"{c.get('parse_ms', '–')} ms |")
    path = out_dir / "routing.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def evaluate(model: str | None, splits: list[str], out_dir: Path | None, log=print) -> dict:
    from bot.runtime.stack import Stack, free_port  # runtime is above measurement's inputs only here

    tmp = Path(tempfile.mkdtemp(prefix="signpost-eval-"))
    stack = Stack(model, rasa_port=free_port(), actions_port=free_port(), web_port=free_port(),
                  tracker_db=str(tmp / "tracker.db"), log_dir=tmp / "logs")
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M"), "model": Path(stack.model).name,
                     "splits": {}, "misses": {}}
    with stack:
        post = rest_poster(stack.rest_url)
        for split in splits:
            items = load(split=split)
            log(f"{split}: {len(items)} items ...")
            outcomes = run_items(post, items, prefix=split)
            results["splits"][split] = {"signpost": score(outcomes),
                                        "keywords": score(keyword_outcomes(items))}
            results["misses"][split] = [asdict(o) for o in outcomes if not o.accepted]
            s = results["splits"][split]["signpost"]
            log(f"  accuracy {_pct(s['accuracy'])}, 999 recall {_pct(s['emergency_recall'])}, "
                f"false 999 {_pct(s['false_999'])}")
    if out_dir is not None:
        cand_file = out_dir / "candidates.json"
        candidates = json.loads(cand_file.read_text()) if cand_file.exists() else None
        write_report(results, out_dir, candidates)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--splits", default="dev,test")
    parser.add_argument("--out", default="reports")
    args = parser.parse_args(argv)
    splits = [s for s in args.splits.split(",") if s]
    if any(s not in SPLITS for s in splits):
        parser.error(f"splits are {SPLITS}")
    evaluate(args.model, splits, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
