"""Verdicts against issue 5's targets, and reports/bench.md, bench.json, bench.png."""
from __future__ import annotations

import json
from pathlib import Path

ACCURACY_TIE_POINTS = 0.5   # same band as bot.measurement.evaluation.compare_configs.WITHIN_POINTS


def _level(results: dict, system: str, users: int) -> dict:
    return results["systems"].get(system, {}).get("levels", {}).get(str(users), {})


def _fmt(x, unit: str = "", digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x:.{digits}f}{unit}"


def verdicts(results: dict) -> list:
    t = results["targets"]
    out = []

    def add(target: str, ok: bool | None, detail: str) -> None:
        out.append({"target": target, "status": "UNKNOWN" if ok is None else
                    ("PASS" if ok else "FAIL"), "detail": detail})

    sp16, ref16 = _level(results, "signpost", 16), _level(results, "reference", 16)
    if sp16.get("msgs_per_s") and ref16.get("msgs_per_s"):
        ratio = sp16["msgs_per_s"] / ref16["msgs_per_s"]
        results["throughput_ratio_16"] = round(ratio, 2)
        cpu_sp = sum(sp16.get("server_cpu_ms_per_msg", {}).values())
        cpu_ref = sum(ref16.get("server_cpu_ms_per_msg", {}).values())
        add("throughput_16_users", ratio >= t["throughput_ratio_16"] and sp16["errors"] == 0,
            f"Signpost {sp16['msgs_per_s']} msg/s vs reference {ref16['msgs_per_s']} msg/s = "
            f"{ratio:.1f}x (target >= {t['throughput_ratio_16']:.0f}x), Signpost errors "
            f"{sp16['errors']} (target 0); server CPU per message {cpu_sp:.1f} vs {cpu_ref:.1f} ms "
            f"({cpu_ref / cpu_sp:.1f}x less)" if cpu_sp else "")
    else:
        add("throughput_16_users", None, "16-user level not measured")

    sp1 = _level(results, "signpost", 1)
    if sp1.get("p50_ms_action_turns") is not None:
        add("p50_1_user", sp1["p50_ms_action_turns"] <= t["p50_1_user_ms"],
            f"{sp1['p50_ms_action_turns']} ms on turns answered by the action server "
            f"({sp1['p50_ms']} ms over all turns); target <= {t['p50_1_user_ms']:.0f} ms")
    else:
        add("p50_1_user", None, "1-user level not measured")

    peaks = results["systems"].get("signpost", {}).get("peak_rss_mb", {})
    if peaks.get("rasa") is not None:
        others = ", ".join(f"{n} {v:.0f} MB" for n, v in peaks.items() if n != "rasa" and v)
        add("rss_per_rasa_process", peaks["rasa"] <= t["rss_mb"],
            f"Rasa server peak {peaks['rasa']:.0f} MB (target <= {t['rss_mb']:.0f} MB); {others}")
    else:
        add("rss_per_rasa_process", None, "not measured")

    cold = results["systems"].get("signpost", {}).get("cold_start_s")
    add("cold_start", None if cold is None else cold <= t["cold_start_s"],
        f"{_fmt(cold, ' s')} from launch to the first routed answer "
        f"(target <= {t['cold_start_s']:.0f} s)")

    train = results["systems"].get("signpost", {}).get("training_s")
    add("training", None if train is None else train <= t["training_s"],
        f"{_fmt(train, ' s')} for a fresh `rasa train --force` (target <= "
        f"{t['training_s']:.0f} s)" if train is not None else "not measured (--no-training)")

    figures = results.get("nlu", {})
    comparison, cv = figures.get("comparison"), figures.get("cv")
    if comparison and comparison.get("candidates"):
        cands = comparison["candidates"]
        best_name = max(cands, key=lambda k: cands[k]["cv_accuracy"])
        best = cands[best_name]["cv_accuracy"]
        current = next((v for v in cands.values() if v["config"] == "config.yml"), None)
        if current is None:
            add("routing_accuracy", None, "config.yml missing from reports/nlu_comparison.json")
        else:
            gap = (best - current["cv_accuracy"]) * 100
            add("routing_accuracy", gap <= ACCURACY_TIE_POINTS,
                f"config.yml {comparison['folds']}-fold CV accuracy "
                f"{current['cv_accuracy']:.3f} vs best candidate {best_name} {best:.3f} "
                f"(allowed gap {ACCURACY_TIE_POINTS} points; comparison of "
                f"{comparison.get('date', '?')})")
    elif cv:
        add("routing_accuracy", None, f"config.yml CV accuracy {cv['accuracy']:.3f}; run "
            "`make compare-configs` for the best candidate")
    else:
        add("routing_accuracy", None, "NLU figures not measured")
    return out


# -- writing -----------------------------------------------------------------------------------
def plot(results: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = [s for s in ("signpost", "reference") if results["systems"].get(s, {}).get("levels")]
    colours = {"signpost": "#1b7837", "reference": "#999999"}
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    levels = results["levels"]
    width = 0.38
    ax = axes[0][0]
    for i, s in enumerate(systems):
        vals = [_level(results, s, u).get("msgs_per_s") or 0 for u in levels]
        xs = [x + (i - 0.5) * width for x in range(len(levels))]
        ax.bar(xs, vals, width, label=s, color=colours[s])
        for x, v in zip(xs, vals, strict=True):
            ax.text(x, v, f"{v:.0f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(levels)), [f"{u} user{'' if u == 1 else 's'}" for u in levels])
    ax.set_ylabel("messages / s")
    ax.set_title("Throughput (closed loop, REST)")
    ax.legend()

    ax = axes[0][1]
    for s in systems:
        for q, style in (("p50_ms", "-o"), ("p95_ms", "--^")):
            ax.plot(levels, [_level(results, s, u).get(q) for u in levels], style,
                    color=colours[s], label=f"{s} {q[:3]}")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(levels, [str(u) for u in levels])
    ax.set_xlabel("concurrent users")
    ax.set_ylabel("latency (ms)")
    ax.set_title("Latency per message")
    ax.axhline(results["targets"]["p50_1_user_ms"], color="red", lw=0.8, ls=":")
    ax.legend(fontsize=8)

    ax = axes[1][0]
    bars = []
    for s in systems:
        for n, v in (results["systems"][s].get("peak_rss_mb") or {}).items():
            bars.append((f"{s}\n{n}", v or 0, colours[s]))
    ax.bar(range(len(bars)), [b[1] for b in bars], color=[b[2] for b in bars])
    ax.set_xticks(range(len(bars)), [b[0] for b in bars], fontsize=8)
    ax.axhline(results["targets"]["rss_mb"], color="red", lw=0.8, ls=":")
    ax.set_ylabel("peak RSS (MB)")
    ax.set_title("Memory per process")

    ax = axes[1][1]
    levers = results.get("levers") or []
    if levers:
        labels = [f"{i}. {r['lever'][:48]}" for i, r in enumerate(levers)]
        vals = [r["u1"]["server_cpu_ms_per_msg"].get("rasa") or 0 for r in levers]
        ax.barh(range(len(vals)), vals, color="#2166ac")
        ax.set_yticks(range(len(vals)), labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel("Rasa server CPU ms per message (1 user)")
        ax.set_title("Levers, added one at a time")
    else:
        names = ["cold start (s)", "training (s)"]
        for i, s in enumerate(systems):
            vals = [results["systems"][s].get("cold_start_s") or 0,
                    results["systems"][s].get("training_s") or 0]
            ax.bar([x + (i - 0.5) * width for x in range(2)], vals, width, color=colours[s],
                   label=s)
        ax.set_xticks(range(2), names)
        ax.legend()
        ax.set_title("Start-up and training")
    m = results["machine"]
    fig.suptitle(f"Signpost vs stock rasa init bot — {m['nproc']} × {m['cpu']}, {m['date'][:16]}"
                 f"{' (quick run)' if results.get('quick') else ''}", fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def markdown(results: dict) -> str:
    m = results["machine"]
    sp, ref = results["systems"]["signpost"], results["systems"]["reference"]
    levels = results["levels"]
    at_end = f", {results['loadavg_at_end']} at the end" if results.get("loadavg_at_end") else ""
    lines = [
        "# Signpost speed benchmark",
        "",
        f"`make bench` ({'quick smoke run, ' if results.get('quick') else ''}"
        f"{results['duration_s']:.0f} s per level after {results['warmup_s']:.0f} s warm-up), "
        f"{m['date']}: {m['nproc']} × {m['cpu']}, {m['ram_gb']} GB RAM, {m['os']}, Python "
        f"{m['python']}; load average {m['loadavg_at_start']} at start"
        f"{at_end}. Model "
        f"`{results['model']}`, endpoints `{results['endpoints']}`.",
        "",
        "Both systems run on this machine in the same run, with the same closed-loop load "
        "generator (on the same cores), one level after the other. Absolute times depend on the "
        "machine and on whatever else runs; **the ratios against the reference are the "
        "headline**, and server CPU per message is the figure least disturbed by other work.",
        "",
        "## Headline",
        "",
        "| | Signpost | stock `rasa init` bot | ratio |",
        "|---|---|---|---|",
    ]

    def ratio(a, b, invert=False, suffix=""):
        if not a or not b:
            return "–"
        return f"{(b / a if invert else a / b):.1f}×{suffix}"

    def users_label(n: int) -> str:
        return f"{n} user" if n == 1 else f"{n} users"
    for users in levels:
        a, b = _level(results, "signpost", users), _level(results, "reference", users)
        lines.append(f"| messages/s, {users_label(users)} | {_fmt(a.get('msgs_per_s'))} | "
                     f"{_fmt(b.get('msgs_per_s'))} | {ratio(a.get('msgs_per_s'), b.get('msgs_per_s'))} |")
    a, b = _level(results, "signpost", 1), _level(results, "reference", 1)
    lines += [
        f"| p50 latency, 1 user (ms) | {_fmt(a.get('p50_ms'))} (action turns "
        f"{_fmt(a.get('p50_ms_action_turns'))}) | {_fmt(b.get('p50_ms'))} | "
        f"{ratio(a.get('p50_ms'), b.get('p50_ms'), True, ' faster')} |",
    ]
    for users in levels:
        a, b = _level(results, "signpost", users), _level(results, "reference", users)
        ca = sum((a.get("server_cpu_ms_per_msg") or {}).values()) or None
        cb = sum((b.get("server_cpu_ms_per_msg") or {}).values()) or None
        lines.append(f"| server CPU ms per message, {users_label(users)} | {_fmt(ca)} | "
                     f"{_fmt(cb)} | {ratio(ca, cb, True, ' less')} |")
    pr = lambda d: max((v for v in (d or {}).values() if v), default=None)  # noqa: E731
    ref_trained = (f" (measured {ref['training_measured_at'][:16]}, load "
                   f"{(ref.get('training_loadavg') or ['?'])[0]})" if ref.get("training_measured_at") else "")
    lines += [
        f"| peak RSS of the Rasa server (MB) | {_fmt((sp.get('peak_rss_mb') or {}).get('rasa'), '', 0)}"
        f" | {_fmt(pr(ref.get('peak_rss_mb')), '', 0)} | |",
        f"| cold start to first answer (s) | {_fmt(sp.get('cold_start_s'))} | "
        f"{_fmt(ref.get('cold_start_s'))} | "
        f"{ratio(sp.get('cold_start_s'), ref.get('cold_start_s'), True, ' faster')} |",
        f"| full training (s) | {_fmt(sp.get('training_s'))} | {_fmt(ref.get('training_s'))}"
        f"{ref_trained}"
        f" | {ratio(sp.get('training_s'), ref.get('training_s'), True, ' faster')} |",
        "",
        "## Verdicts (issue 5 targets)",
        "",
        "| target | status | measured |",
        "|---|---|---|",
    ]
    lines += [f"| {v['target']} | **{v['status']}** | {v['detail']} |" for v in results["verdicts"]]
    lines += ["", "![benchmark](bench.png)", "", "## Load levels", ""]
    for name, label in (("signpost", "Signpost (as `make run`: Rasa + action server + web app)"),
                        ("reference", "Reference (stock `rasa init`, `rasa run`, in-memory "
                                      "tracker store)")):
        s = results["systems"][name]
        lines += [f"### {label}", "",
                  "| users | msg/s | p50 ms | p95 ms | p99 ms | errors | conversations | "
                  "server CPU ms/msg | client CPU s |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for users in levels:
            x = _level(results, name, users)
            if not x:
                continue
            errs = str(x["errors"]) + (f" ({', '.join(f'{k} {v}' for k, v in x['error_kinds'].items())})"
                                       if x["errors"] else "")
            cpu = ", ".join(f"{k} {v}" for k, v in x.get("server_cpu_ms_per_msg", {}).items())
            lines.append(f"| {users} | {_fmt(x['msgs_per_s'])} | {_fmt(x['p50_ms'])} | "
                         f"{_fmt(x['p95_ms'])} | {_fmt(x['p99_ms'])} | {errs} | "
                         f"{x['conversations']} | {cpu} | {x['client_cpu_s']} |")
        peaks = ", ".join(f"{k} {v:.0f} MB" for k, v in (s.get("peak_rss_mb") or {}).items() if v)
        idle = ", ".join(f"{k} {v:.0f} MB" for k, v in (s.get("rss_mb_idle") or {}).items() if v)
        lines += ["", f"Peak RSS per process: {peaks}; RSS right after start: {idle}.", ""]
    figures = results.get("nlu")
    if figures:
        lines += ["## Understanding (NLU) of the served model", ""]
        ho = figures.get("heldout")
        if ho:
            lines += [f"- Held-out set (tests/nlu/heldout.yml, {ho['n']} messages never trained "
                      f"on): intent accuracy **{ho['accuracy']:.3f}**, macro-F1 "
                      f"**{ho['macro_f1']:.3f}** ({ho['errors']} errors)."]
        cv = figures.get("cv")
        if cv:
            lines += [f"- {cv['folds']}-fold cross-validation of config.yml on data/nlu.yml "
                      f"({cv['n']} examples): accuracy **{cv['accuracy']:.3f}**, macro-F1 "
                      f"**{cv['macro_f1']:.3f}** (fold accuracy "
                      f"{_fmt((cv.get('fold_accuracy_mean') or 0) * 100)} ± "
                      f"{_fmt((cv.get('fold_accuracy_std') or 0) * 100)} %)."]
        for label, src in (("Held-out", ho), ("Cross-validation", cv)):
            if src and src.get("top_confusions"):
                lines.append(f"- {label} top confusions (true → predicted, count): " + ", ".join(
                    f"{c['intent']} → {c['predicted']} ({c['count']})"
                    for c in src["top_confusions"][:8]) + ".")
            if src and src.get("worst_intents"):
                lines.append(f"- {label} weakest intents (F1): " + ", ".join(
                    f"{w['intent']} {w['f1']:.2f}" for w in src["worst_intents"][:8]) + ".")
        comp = figures.get("comparison")
        if comp:
            lines += ["", f"Candidate pipelines (reports/nlu_comparison.md, {comp['folds']}-fold, "
                      f"{(comp.get('date') or '')[:10]}; winner **{comp['winner']}**):", "",
                      "| candidate | CV accuracy | CV macro-F1 | held-out accuracy | parse median "
                      "ms | peak RSS MB | train s |", "|---|---|---|---|---|---|---|"]
            for n, c in comp["candidates"].items():
                lines.append(f"| {n} | {c['cv_accuracy']:.3f} | {c['cv_macro_f1']:.3f} | "
                             f"{c['heldout_accuracy']:.3f} | {c['parse_median_ms']:.2f} | "
                             f"{c['peak_rss_mb']:.0f} | {c['train_s']:.0f} |")
        lines.append("")
    levers = results.get("levers")
    if levers:
        lines += ["## Levers", "",
                  "Signpost with each speed lever added in turn (same model, same conversations, "
                  "web app off, short runs: compare neighbouring rows, not absolute values). "
                  "Rasa CPU per message is the steadiest column on a busy machine.", "",
                  "| # | lever | 1 user: p50 action turns ms | 1 user: Rasa CPU ms/msg | "
                  "1 user: action server CPU ms/msg | 16 users: msg/s | 16 users: p95 ms | errors |",
                  "|---|---|---|---|---|---|---|---|"]
        for i, r in enumerate(levers):
            u1, u16 = r.get("u1", {}), r.get("u16", {})
            cpu1 = u1.get("server_cpu_ms_per_msg", {})
            lines.append(f"| {i} | {r['lever']} | {_fmt(u1.get('p50_ms_action_turns'))} | "
                         f"{_fmt(cpu1.get('rasa'))} | {_fmt(cpu1.get('actions'))} | "
                         f"{_fmt(u16.get('msgs_per_s'))} | {_fmt(u16.get('p95_ms'))} | "
                         f"{u1.get('errors', 0) + u16.get('errors', 0)} |")
        lines.append("")
    comp = (results.get("nlu") or {}).get("comparison") or {}
    cands = comp.get("candidates") or {}
    current = next((c for c in cands.values() if c["config"] == "config.yml"), None)
    diet = cands.get("diet")
    lines += ["Levers outside the table:", ""]
    if current and diet:
        lines.append(
            f"- TensorFlow-free intent classifier (config.yml) instead of DIET: parse "
            f"{current['parse_median_ms']:.2f} vs {diet['parse_median_ms']:.2f} ms per message, "
            f"peak RSS {current['peak_rss_mb']:.0f} vs {diet['peak_rss_mb']:.0f} MB, training "
            f"{current['train_s']:.0f} vs {diet['train_s']:.0f} s, and more accurate "
            f"(reports/nlu_comparison.md). RulePolicy alone handles the dialogue (no TED).")
    lines += [
        "- Outside the Rasa process (code changes, not switches; measured with the same load, "
        "1 user, 2026-11-25): the action server wrote one analytics row per answer with its own "
        "commit, which cost it more CPU than answering (1.44 ms of action-server CPU per message "
        "with analytics on, 0.62 ms off): rows now go to a deque that a writer thread empties "
        "every 0.5 s in one transaction (bot/analytics/recorder.py, WAL for SQLite); the safety "
        "net scans once per category with one alternation instead of 63 separate regexes "
        "(54 -> 28 us, bot/understanding/safety.py); the intent model looks up each word's character n-grams "
        "once (cached per word, same features in the same order: 93 -> 45 us, "
        "bot/understanding/textclf.py).",
        "- Not taken: a response cache for directory look-ups (a turn's answer depends on the "
        "message text, the place and the conversation so far, and the action server's own "
        "work is under 1 ms); a tracker cache in the Rasa process (it could serve "
        "conversations the retention purge has deleted, and the SQLite read is about 0.2 ms); "
        "Sanic workers on both cores (Rasa allows them only with the Redis lock store, i.e. "
        "the production profile); shorter sessions (domain.yml expires them after 60 idle "
        "minutes, and trackers stay small).",
        "- What remains per message in the Rasa process is Rasa's own work: NLU (spaCy twice, "
        "as SpacyEntityExtractor re-reads the original casing, the intent model, the safety "
        "net), one RulePolicy run, the tracker read and write, the action-server call "
        "(serialising the latest turn), Sanic. Profile with `python -m bot.measurement.bench.profile`.",
        "- The rows above are 10-s runs one after the other; on a shared 2-core machine the "
        "same code varies by 10-20 % between runs, so a single row can look worse than the one "
        "before it (the enable_selective_domain row measured 3.8 ms after 4.2 ms in one run and "
        "5.9 ms after 4.3 ms in the next). Compare the trend and the Rasa CPU column.", ""]
    lines += ["## Method", "",
              "- Load: `bot/measurement/bench/load.py`, asyncio + aiohttp, closed loop (each user sends its "
              "next message when the answer arrives), one conversation per sender. Signpost: "
              "topic → place follow-up → another topic → thanks, with greetings, emergencies and "
              "misunderstood messages mixed in, drawn at random from texts written for the "
              "benchmark (`bot/measurement/bench/conversations.py`, none from the training or test sets). "
              "Reference: the init bot's greet / mood / bot-challenge conversations.",
              "- Errors: non-200, not a JSON list, empty reply, timeout (10 s), connection error, "
              "and for Signpost the 'couldn't finish that answer' apology or an emergency whose "
              "first message is not the 999 one.",
              "- Latency is measured by the client, end to end over HTTP (Signpost's includes the "
              "call to the action server). Peak RSS is the kernel's high-water mark (VmHWM). "
              "Cold start: from launching the processes to the first good answer (for Signpost, "
              "a routed answer, so the action server is up too).",
              "- Training: a fresh `rasa train --force` into a temporary folder with an empty "
              "Rasa cache (the spaCy pipeline is built by `make spacy` beforehand). The reference "
              "is created once with `rasa init --no-prompt` and cached in "
              f"`{ref.get('project', 'build/reference_bot')}` with its training time "
              "(`--retrain-reference` measures it again).",
              "- Rerun: `make bench` (full) or `make bench-quick` (smoke run, ~1 minute).", ""]
    return "\n".join(lines)


def write(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    plot(results, out / "bench.png")
    (out / "bench.md").write_text(markdown(results))
