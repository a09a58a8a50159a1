"""Shared fixtures for the unit tests."""
import json
import os

import pytest

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


@pytest.fixture
def load_data():
    """Load tests/unit/data/<relative path> (JSON parsed, anything else as text)."""

    def _load(relative):
        path = os.path.join(DATA_DIR, relative)
        with open(path, encoding="utf-8") as handle:
            if path.endswith(".json"):
                return json.load(handle)
            return handle.read()

    return _load
