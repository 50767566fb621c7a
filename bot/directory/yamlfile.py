"""YAML loading that remembers line numbers, so a broken directory file names its line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A mapping that knows the line it started on and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise DirectoryFileError(
                f"duplicate key {key!r}", line=key_node.start_mark.line + 1
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class DirectoryFileError(ValueError):
    """A directory file is broken. The message names file, line, entry and field."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 entry: str | None = None, field: str | None = None) -> None:
        self.file, self.line, self.entry, self.field, self.reason = file, line, entry, field, message
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.file or "<directory>"
        if self.line:
            where += f", line {self.line}"
        parts = [where]
        if self.entry:
            parts.append(f"entry '{self.entry}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join([", ".join(parts), self.reason])

    def in_file(self, file: str) -> DirectoryFileError:
        return DirectoryFileError(self.reason, file=file, line=self.line,
                                  entry=self.entry, field=self.field)


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DirectoryFileError("file not found", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise DirectoryFileError(f"not UTF-8 text ({exc.reason})", file=str(path)) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except DirectoryFileError as exc:
        raise exc.in_file(str(path)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DirectoryFileError(f"invalid YAML: {exc.problem}", file=str(path), line=line) from None
    except yaml.reader.ReaderError as exc:  # e.g. a control character: not a MarkedYAMLError
        line = text.count("\n", 0, exc.position) + 1
        raise DirectoryFileError(f"invalid YAML: character #x{exc.character:04x} is not allowed",
                                 file=str(path), line=line) from None
    except yaml.YAMLError as exc:
        raise DirectoryFileError(f"invalid YAML: {type(exc).__name__}", file=str(path)) from None
    except RecursionError:
        raise DirectoryFileError("invalid YAML: nested too deeply", file=str(path)) from None
