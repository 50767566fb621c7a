"""The package layers of bot/ (bot/__init__.py): a package imports only from layers below it, and
no module imports another in a cycle. Read from the source with ast, so lazy imports count too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
LAYERS = ["settings", "directory", "understanding", "conversation", "privacy", "analytics",
          "channels", "web", "runtime", "measurement"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every bot.* module or package the file imports, anywhere in it (absolute and relative)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "bot"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            if base.split(".")[0] != "bot":
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                is_module = (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists() or \
                    (ROOT / Path(*candidate.split("."))).is_dir()
                found.add(candidate if is_module else base)
    return found


MODULES = {module_name(p): imports_of(p) for p in sorted(BOT.rglob("*.py")) if p != BOT / "__init__.py"}


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "bot"


def test_every_package_is_a_known_layer() -> None:
    packages = {p.name for p in BOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in BOT.glob("*.py") if p.stem != "__init__"}
    assert packages | modules == set(LAYERS)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_lower_layers_never_import_higher_ones(name: str) -> None:
    own = LAYERS.index(layer(name))
    upward = sorted(i for i in MODULES[name] if layer(i) in LAYERS and LAYERS.index(layer(i)) > own)
    assert not upward, f"{name} ({layer(name)}) imports a higher layer: {upward}"


def test_no_import_cycles() -> None:
    graph = {m: {i for i in deps if i in MODULES and i != m} for m, deps in MODULES.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_every_package_says_what_it_owns_and_must_not_import() -> None:
    for init in BOT.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert "import" in doc, f"{init.relative_to(ROOT)}: docstring must say what it may import"
