"""Unit tests for the comparison filters: compare_hosts, report_*, to_snapshot, comparison_profiles."""
import importlib
import inspect
import json

import pytest
import yaml
from ansible.errors import AnsibleFilterError

PKG = "ansible_collections.hyperv.azlocal.plugins.filter."
FILTERS = ["compare_hosts", "report_markdown", "report_html", "report_junit", "report_json", "to_snapshot",
           "comparison_profiles"]
DOCS = {"a": {"x": 1}, "b": {"x": 2}, "c": {"x": 1}}


def _filter(name):
    module = importlib.import_module(PKG + name)
    return module, module.FilterModule().filters()[name]


@pytest.fixture
def comparison():
    return _filter("compare_hosts")[1](DOCS, fields="x")


@pytest.mark.parametrize("name", FILTERS)
def test_documented_options_match_the_function(name):
    module, func = _filter(name)
    doc = yaml.safe_load(module.DOCUMENTATION)
    assert doc["name"] == name
    documented = set(doc["options"]) - {"_input"}
    params = list(inspect.signature(func).parameters)[1:]
    assert documented == set(params)
    for option, spec in doc["options"].items():
        if "default" in spec and option != "_input":
            assert inspect.signature(func).parameters[option].default == spec["default"], option
    yaml.safe_load(module.EXAMPLES)
    assert "_value" in yaml.safe_load(module.RETURN)


def test_compare_hosts_filter(comparison):
    assert comparison["fields"]["x"]["odd_hosts"] == ["b"]
    module, func = _filter("compare_hosts")
    hostvars = {"a": {"ansible_facts": {"g": {"x": 1}}}, "b": {"g": {"x": 1}}}
    assert func(hostvars, ["a", "b"], fields="x", source="g")["identical"] is True


@pytest.mark.parametrize("kwargs, message", [
    ({"profile": "nope"}, "hyperv.azlocal.compare_hosts: profile: unknown profile 'nope'"),
    ({"fields": "x["}, "hyperv.azlocal.compare_hosts: field: invalid JMESPath expression 'x['"),
    ({"fields": "x", "hosts": "a", "source": 3}, "hyperv.azlocal.compare_hosts: source:"),
])
def test_compare_hosts_filter_errors(kwargs, message):
    func = _filter("compare_hosts")[1]
    with pytest.raises(AnsibleFilterError) as exc:
        func(DOCS, **kwargs)
    assert message in str(exc.value)


@pytest.mark.parametrize("facts, message", [
    ("text", "host 'a': expected a dict of facts, got str"),
    ([1], "host 'a': expected hyperv_host facts, parse_ver, parse_systeminfo or parse_computerinfo output, got int"),
])
def test_compare_hosts_filter_rejects_non_dict_facts(facts, message):
    with pytest.raises(AnsibleFilterError) as exc:
        _filter("compare_hosts")[1]({"a": facts}, fields="x")
    assert message in str(exc.value)


@pytest.mark.parametrize("name, check", [
    ("report_markdown", lambda out: out.startswith("# Host comparison")),
    ("report_html", lambda out: out.startswith("<!DOCTYPE html>")),
    ("report_junit", lambda out: out.startswith("<?xml")),
    ("report_json", lambda out: json.loads(out)["differences"] == ["x"]),
])
def test_report_filters(name, check, comparison):
    assert check(_filter(name)[1](comparison))


@pytest.mark.parametrize("name", ["report_markdown", "report_html", "report_junit", "report_json"])
def test_report_filters_reject_other_input(name):
    with pytest.raises(AnsibleFilterError, match="hyperv.azlocal.%s: expected the result of hyperv.azlocal.compare_hosts" % name):
        _filter(name)[1]({"a": 1})


def test_report_json_bad_indent(comparison):
    with pytest.raises(AnsibleFilterError, match="indent must be"):
        _filter("report_json")[1](comparison, indent="x")


def test_to_snapshot_filter():
    func = _filter("to_snapshot")[1]
    snap = func({"hyperv_host": {"a": 1}}, "node1", time="2026-11-27T00:00:00Z")
    assert snap["host"] == "node1" and snap["documents"] == {"hyperv_host": {"a": 1}}
    with pytest.raises(AnsibleFilterError, match="hyperv.azlocal.to_snapshot: host 'node1': no documents"):
        func({}, "node1")


def test_comparison_profiles_filter():
    func = _filter("comparison_profiles")[1]
    assert list(func("kernel")) == ["kernel"]
    assert len(func([])) == 5
    with pytest.raises(AnsibleFilterError, match="hyperv.azlocal.comparison_profiles: 'x' matches no profile"):
        func("x")


def test_compare_hosts_takes_parse_computerinfo_output_like_systeminfo(load_data):
    """A host known from Get-ComputerInfo text and one known from systeminfo compare on the same fields."""
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import parse_computerinfo, parse_systeminfo

    computerinfo = parse_computerinfo(load_data("captures/get-computerinfo_select_ws2022_wazuh36370_partial.txt"))
    systeminfo = parse_systeminfo(load_data("captures/systeminfo_ws2022_datacenter_ec2_fo-list_wazuh30326_partial.txt"))
    result = _filter("compare_hosts")[1]({"a": computerinfo, "b": systeminfo}, fields=["build", "platform", "product_name"])
    assert result["fields"]["build"]["identical"] is True
    assert result["fields"]["build"]["values"] == {"a": 20348, "b": 20348}
    assert result["fields"]["platform"]["values"] == {"a": "windows_server", "b": "windows_server"}
