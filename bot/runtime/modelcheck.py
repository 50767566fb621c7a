"""Models come only from the project's own build: `make train` writes models/<name>.tar.gz.sha256
(sha256sum format) next to each model; production refuses to start a model without a matching one.

    python -m bot.runtime.modelcheck write models/signpost-<hash>.tar.gz    # done by `make train`
    python -m bot.runtime.modelcheck verify models/signpost-<hash>.tar.gz   # exit 1 on any mismatch
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"


class ModelIntegrityError(RuntimeError):
    pass


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def checksum_file(model: Path) -> Path:
    return model.with_name(model.name + ".sha256")


def write(model) -> Path:
    model = Path(model)
    out = checksum_file(model)
    out.write_text(f"{digest(model)}  {model.name}\n")
    return out


def verify(model, models_dir: Path = MODELS) -> str:
    """Return the model's sha256 if it is one of ours and intact; else raise ModelIntegrityError."""
    model = Path(model).resolve()
    if model.parent != Path(models_dir).resolve():
        raise ModelIntegrityError(f"refusing a model from outside {models_dir}: {model.name}")
    if not model.is_file():
        raise ModelIntegrityError(f"no such model: {model.name}")
    sums = checksum_file(model)
    if not sums.is_file():
        raise ModelIntegrityError(f"{model.name} has no {sums.name}: train it with `make train`")
    fields = sums.read_text().split()
    if len(fields) != 2 or fields[1] != model.name:
        raise ModelIntegrityError(f"{sums.name} is not a checksum of {model.name}")
    actual = digest(model)
    if actual != fields[0].lower():
        raise ModelIntegrityError(f"{model.name} does not match its checksum: not our build")
    return actual


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] not in ("write", "verify"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if argv[0] == "write":
            print(write(argv[1]))
        else:
            print(f"{argv[1]}: sha256 {verify(argv[1])} ok")
    except ModelIntegrityError as exc:
        print(f"model check failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
