"""Helpers for contract tests between a PowerShell collector and the Python that reads its output.

A contract test runs the real interpretation function on a raw sample wrapped by record_reads(), then
checks that every key the function looked up is one the collector emits (tools/ps_keys.py reads the
.ps1's syntax tree). Only explicit look-ups count (d[k], d.get(k), k in d): iterating over a dict reads
whatever is there and needs no contract.
"""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))

from ps_keys import emitted_keys  # noqa: E402  pylint: disable=wrong-import-position

__all__ = ["ROOT", "emitted_keys", "record_reads", "collector_path"]


class _RecordingDict(dict):
    """A dict that adds the name of every key looked up to a shared set."""

    def __init__(self, data, seen):
        super().__init__((k, _wrap(v, seen)) for k, v in data.items())
        self._seen = seen

    def __getitem__(self, key):
        self._seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._seen.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._seen.add(key)
        return super().__contains__(key)


def _wrap(value, seen):
    if isinstance(value, dict):
        return _RecordingDict(value, seen)
    if isinstance(value, list):
        return [_wrap(v, seen) for v in value]
    return value


def record_reads(data):
    """Return (wrapped copy of data, set that fills with every key looked up in it)."""
    seen = set()
    return _wrap(data, seen), seen


def collector_path(name):
    """Path of plugins/modules/<name>.ps1 in this checkout."""
    return os.path.join(ROOT, "plugins", "modules", name + ".ps1")
