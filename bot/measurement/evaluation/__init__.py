"""Measuring the assistant's understanding: NLU config comparison (compare_configs) and the
shared cross-validation / held-out / latency helpers (nlu) used by the benchmark too."""
