"""The text a database keeps, for tests that check personal data was not stored.

A phone-number fragment such as "900417" also turns up by chance among the digits of the thousands
of confidences a tracker stores (0.12900417...): a search of every column as a string made a privacy
test fail in a clean-clone CI run once the shared tracker held a full test session's events. So a
stored value is read as text: JSON is walked for its keys and strings (its numbers are not text),
other strings are taken whole, and numeric columns are skipped.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any


def _walk(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield str(key)
            yield from _walk(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from _walk(value)


def strings(value: Any) -> Iterator[str]:
    """Every piece of text in one stored value (a column of a row)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            yield value
            return
        if isinstance(parsed, (dict, list)):
            yield from _walk(parsed)
        else:
            yield value       # a bare string, number or literal stored as text: keep it whole
    elif isinstance(value, (dict, list, tuple)):
        yield from _walk(value)


def holds(values: Iterable[Any], needle: str) -> bool:
    """Whether the needle is in the text of any of the values."""
    return any(needle in text for value in values for text in strings(value))


def in_sqlite(path: str, needle: str) -> bool:
    """Whether the needle is in the text of any row of any table of an SQLite database."""
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return any(holds(row, needle) for table in tables for row in db.execute(f'SELECT * FROM "{table}"'))
