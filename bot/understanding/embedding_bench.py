"""Speed and memory of bot.understanding.embedding.SentenceEncoder, on one thread.

    .venv/bin/python -m bot.understanding.embedding_bench [--model-dir build/minilm] [--runs 300]

Prints, for one process pinned to one BLAS/OpenMP thread (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS,
MKL_NUM_THREADS = 1, set before numpy loads, and threadpoolctl as a guard):
- latency (ms, wall clock, after warm-up) of encode([one message]) for 10-, 30- and 100-word
  messages: median and 95th percentile over --runs calls;
- batch throughput (messages/s) of encode() on --batch varied chat-length messages, and on
  messages that all fill the 128-token window;
- resident memory (MB = 10^6 bytes, VmRSS from /proc/self/status) before and after importing the
  libraries, after loading the model, after the first encode, and the peaks (VmHWM) while loading
  (safetensors maps the file while it copies the tensors out: about twice the weights, briefly)
  and over the whole run.
Measures only; checks nothing. Run it on a quiet machine: other work shifts the figures.
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


WORDS = ("i need help with my rent because the landlord wants me out of the flat by friday and "
         "i have two children at the local school where can i find a food bank near swindon "
         "council tax bill is too high what benefits can i claim my neighbour keeps parking "
         "across my drive who do i call about potholes on the main road bus pass for an older "
         "person doctor appointment mental health support debt advice").split()


def message(n_words: int, rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words)).capitalize() + "?"


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot.understanding.embedding_bench")
    p.add_argument("--model-dir", type=Path, default=ROOT / "build" / "minilm",
                   help="extracted model (extracted there first if missing; default build/minilm)")
    p.add_argument("--runs", type=int, default=300, help="timed calls per message length")
    p.add_argument("--batch", type=int, default=256, help="messages in the throughput batch")
    args = p.parse_args(argv)

    rss = {"start (python + argparse)": _status_mb("VmRSS")}
    import numpy as np
    import safetensors.numpy  # noqa: F401  (imported here to count it with the imports)
    import scipy.special  # noqa: F401  (erf; a Rasa process has it loaded already)
    import threadpoolctl
    import tokenizers

    from bot.understanding import embedding

    limiter = threadpoolctl.threadpool_limits(1)
    blas = [(i["internal_api"], i["version"], i["num_threads"])
            for i in threadpoolctl.threadpool_info()]
    embedding.extract(args.model_dir)
    rss["after imports (numpy, scipy, tokenizers, safetensors)"] = _status_mb("VmRSS")
    hwm_reset = _reset_peak()
    t0 = time.perf_counter()
    enc = embedding.SentenceEncoder(args.model_dir)
    load_s = time.perf_counter() - t0
    rss["after SentenceEncoder(...) (incl. SHA-256 check)"] = _status_mb("VmRSS")
    load_peak = _status_mb("VmHWM") if hwm_reset else float("nan")
    enc.encode(["hello"])
    rss["after the first encode"] = _status_mb("VmRSS")

    rng = random.Random(20261129)
    print(f"numpy {np.__version__}, tokenizers {tokenizers.__version__}, BLAS {blas}, "
          f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs visible")
    print(f"load: {load_s * 1000:.0f} ms (SHA-256 check + safetensors + tokenizer)")
    print()
    print(f"latency of encode([one message]), one thread, {args.runs} calls each after 20 warm-up:")
    print(f"  {'words':>5} {'tokens':>6} {'median ms':>10} {'p95 ms':>8} {'min ms':>7}")
    for n_words in (10, 30, 100):
        msgs = [message(n_words, rng) for _ in range(args.runs)]
        for m in msgs[:20]:
            enc.encode([m])
        times = []
        for m in msgs:
            t = time.perf_counter()
            enc.encode([m])
            times.append((time.perf_counter() - t) * 1000)
        toks = statistics.median(enc.token_count(m) for m in msgs)
        print(f"  {n_words:>5} {toks:>6.0f} {statistics.median(times):>10.2f} "
              f"{percentile(times, 95):>8.2f} {min(times):>7.2f}")

    print()
    print("batch throughput, one thread:")
    mixed = [message(rng.randint(3, 40), rng) for _ in range(args.batch)]
    full = [message(120, rng) for _ in range(args.batch // 4)]
    for label, batch in ((f"{len(mixed)} chat messages (3-40 words)", mixed),
                         (f"{len(full)} messages of 128 tokens (truncated)", full)):
        enc.encode(batch[:8])
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            enc.encode(batch)
            best = min(best, time.perf_counter() - t)
        print(f"  {label}: {len(batch) / best:,.0f} messages/s "
              f"({best * 1000:.0f} ms per batch, best of 3)")
    rss["after the throughput batches"] = _status_mb("VmRSS")

    print()
    print("resident memory (VmRSS, MB):")
    for k, v in rss.items():
        print(f"  {k:<56} {v:7.1f}")
    base = rss["after imports (numpy, scipy, tokenizers, safetensors)"]
    print(f"  {'peak while loading (VmHWM reset just before)':<56} {load_peak:7.1f}")
    print(f"  {'peak since then (VmHWM)':<56} {_status_mb('VmHWM'):7.1f}")
    loaded = rss["after SentenceEncoder(...) (incl. SHA-256 check)"]
    print(f"  increase from loading the model: {loaded - base:.1f} MB;"
          f" with first encode: {rss['after the first encode'] - base:.1f} MB;"
          f" imports alone: {base - rss['start (python + argparse)']:.1f} MB")
    limiter.restore_original_limits()
    return 0


if __name__ == "__main__":
    sys.exit(main())
