"""Unit tests for the hyperv.azlocal.identical test plugin."""
import inspect

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.test import identical as plugin
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts

identical = plugin.TestModule().tests()["identical"]


def test_documented_options_match_the_function():
    doc = yaml.safe_load(plugin.DOCUMENTATION)
    assert set(doc["options"]) - {"_input"} == set(list(inspect.signature(identical).parameters)[1:])


@pytest.mark.parametrize("docs, kwargs, expected", [
    ({"a": {"x": 1}, "b": {"x": 1}}, {"fields": "x"}, True),
    ({"a": {"x": 1}, "b": {"x": 2}}, {"fields": "x"}, False),
    ({"a": {"x": 1}, "b": {"x": 2}}, {"fields": "x", "expect_different": ["x"]}, True),
    ({"a": {"x": 1}, "b": {}}, {"fields": "x"}, False),
    ({"a": {"x": 1}, "b": {}}, {"fields": "x", "allow_missing": True}, False),  # one value agrees with nobody
    ({"a": {"x": 1}, "b": {}, "c": {"x": 1}}, {"fields": "x", "allow_missing": True}, True),
    ({"a": {}, "b": {}}, {"fields": "x", "allow_missing": True}, False),  # no data is never agreement
    ({"a": {"x": 1}}, {"fields": "x"}, False),  # one host is not a comparison
    ({"a": {"x": "A"}, "b": {"x": "a"}}, {"fields": "x", "normalize": "ignore_case"}, True),
])
def test_identical(docs, kwargs, expected):
    assert identical(docs, **kwargs) is expected


def test_identical_with_hostvars_and_hosts():
    hostvars = {"a": {"hyperv_identity": {"build": 26100}}, "b": {"hyperv_identity": {"build": 26100}}, "c": {}}
    assert identical(hostvars, ["a", "b"], fields="build") is True
    assert identical(hostvars, ["a", "b", "c"], fields="build") is False


def test_identical_on_a_comparison_result():
    same = compare_hosts({"a": {"x": 1}, "b": {"x": 1}}, fields="x")
    differ = compare_hosts({"a": {"x": 1}, "b": {"x": 2}}, fields="x")
    assert identical(same) is True
    assert identical(differ) is False


def test_identical_errors():
    with pytest.raises(AnsibleFilterError, match="hyperv.azlocal.identical: profile: unknown profile 'x'"):
        identical({"a": {}}, profile="x")
    with pytest.raises(AnsibleFilterError, match="give 'fields'"):
        identical({"a": {}})
