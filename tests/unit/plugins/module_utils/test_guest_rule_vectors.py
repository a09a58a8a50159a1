"""The guest rule vectors (tests/unit/data/guest_facts/rule_vectors.json) through _guest.guest_verdict.

The same file runs through the PowerShell evaluator of win_guest_facts.ps1 in tests/powershell/guest_rules.Tests.ps1,
so the two implementations of the rules are held to the same verdicts, case by case.
"""
import json
import os

import pytest

from ansible_collections.hyperv.azlocal.plugins.module_utils import _guest

VECTORS = os.path.join(os.path.dirname(__file__), "..", "..", "data", "guest_facts", "rule_vectors.json")

with open(VECTORS, encoding="utf-8") as _handle:
    CASES = json.load(_handle)["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_vector(case):
    assert _guest.guest_verdict(case["signals"]) == case["expect"]


def test_vectors_are_well_formed():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert set(case) <= {"name", "note", "signals", "expect"}, case["name"]
        assert set(case["signals"]) <= set(_guest.SIGNALS), case["name"]
        assert set(case["expect"]) == {"hypervisor", "is_hyperv_guest", "cloud", "generation", "matched"}, case["name"]
        assert set(case["expect"]["matched"]) == set(_guest.RULE_ORDER), case["name"]


def test_every_rule_decides_at_least_one_vector():
    decided = {(table, case["expect"]["matched"][table]) for case in CASES for table in _guest.RULE_ORDER}
    rules = {(table, rule["id"]) for table in _guest.RULE_ORDER for rule in _guest.RULES[table]}
    assert rules - decided == set()
    # and the tables without a catch-all rule are also left undecided at least once
    assert {("cloud", None), ("generation", None)} <= decided


def _near_miss(test, wanted, value):
    """Text that holds the wanted value but must not pass the test: after other text for a prefix, with more
    text after it for equals."""
    text = value.strip().lower() if isinstance(value, str) else ""
    wanted = wanted.lower()
    if test == "prefix":
        return wanted in text and not text.startswith(wanted)
    return text.startswith(wanted) and text != wanted


def test_every_text_condition_meets_a_near_miss():
    """Prefix means prefix, equals means equals: for each text a rule compares, a vector holds a near miss of it
    (see _near_miss) and that rule does not decide the vector."""
    missing = []
    for table in _guest.RULE_ORDER:
        for rule in _guest.RULES[table]:
            for condition in rule["when"]:
                if condition["test"] == "present" or condition["signal"] in _guest.RULE_ORDER:
                    continue  # 'present' has no text; the hypervisor a generation rule needs is a result, not a signal
                if not any(_near_miss(condition["test"], condition["value"], case["signals"].get(condition["signal"]))
                           and case["expect"]["matched"][table] != rule["id"] for case in CASES):
                    missing.append("%s: %s %s %r" % (rule["id"], condition["signal"], condition["test"], condition["value"]))
    assert missing == []
