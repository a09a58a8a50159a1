"""Unit tests for plugins/plugin_utils/_compare.py (the comparison engine)."""
import copy
from collections.abc import Mapping

import jmespath
import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _compare
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import (
    build_fields,
    collect_documents,
    compare_hosts,
    compile_query,
    is_comparison,
    natural_key,
    value_key,
)


@pytest.fixture
def identities(load_data):
    return load_data("compare/identities.json")


class FakeHostVars(Mapping):
    """Stands in for ansible.vars.hostvars.HostVars: a Mapping (not a dict) of host -> Mapping of variables."""

    def __init__(self, hosts):
        self._hosts = hosts

    def __getitem__(self, key):
        return FakeHostVarsVars(self._hosts[key])

    def __iter__(self):
        return iter(self._hosts)

    def __len__(self):
        return len(self._hosts)


class FakeHostVarsVars(Mapping):
    def __init__(self, variables):
        self._vars = variables

    def __getitem__(self, key):
        return self._vars[key]

    def __iter__(self):
        return iter(self._vars)

    def __len__(self):
        return len(self._vars)


# ------------------------------------------------------------------------------------------ kernel proof

def test_kernel_profile_ws2025_and_azure_local_are_identical(identities):
    docs = {h: identities[h] for h in ("ws2025-01", "azl-01", "azl-02")}
    result = compare_hosts(docs, profile="kernel")
    assert result["identical"] is True
    assert result["differences"] == []
    assert result["expected_differences"] == ["platform", "product_name", "edition_id"]
    assert result["hosts"] == ["azl-01", "azl-02", "ws2025-01"]
    product = result["fields"]["product_name"]
    assert product["status"] == "expected_difference"
    assert product["groups"] == [
        {"value": "Azure Stack HCI", "hosts": ["azl-01", "azl-02"]},
        {"value": "Windows Server 2025 Datacenter", "hosts": ["ws2025-01"]},
    ]
    assert result["fields"]["kernel_sha256"]["identical"] is True
    assert result["summary"].startswith("IDENTICAL: 3 hosts agree on 18 fields.")


def test_kernel_profile_names_the_node_behind(identities):
    docs = {h: identities[h] for h in ("ws2025-01", "azl-01", "azl-02", "azl-03")}
    result = compare_hosts(docs, profile="kernel")
    assert result["identical"] is False
    assert result["differences"] == ["ubr", "version", "kernel_file_version", "kernel_sha256",
                                     "hypervisor_file_version", "hypervisor_sha256"]
    ubr = result["fields"]["ubr"]
    assert ubr["groups"] == [{"value": 4349, "hosts": ["azl-01", "azl-02", "ws2025-01"]},
                             {"value": 4061, "hosts": ["azl-03"]}]
    assert ubr["reference"] == 4349
    assert ubr["odd_hosts"] == ["azl-03"]
    assert ubr["values"]["azl-03"] == 4061
    assert "ubr (azl-03 differs)" in result["summary"]


def test_amd_node_differs_only_in_hypervisor(identities):
    docs = {h: identities[h] for h in ("azl-01", "azl-02", "azl-amd-01")}
    result = compare_hosts(docs, profile="kernel")
    assert result["differences"] == ["hypervisor_image", "hypervisor_sha256"]
    assert result["fields"]["hypervisor_image"]["odd_hosts"] == ["azl-amd-01"]


def test_os_profile_reports_solution_version_missing_on_windows_server(identities):
    docs = {h: identities[h] for h in ("ws2025-01", "azl-01")}
    result = compare_hosts(docs, profile="os")
    solution = result["fields"]["solution_version"]
    assert solution["missing"] == ["ws2025-01"]
    assert solution["status"] == "missing"
    assert solution["identical"] is False
    assert "solution_version" in result["differences"]
    # allow_missing lets ws2025-01 lack it, but one value is no agreement: two Azure Local nodes are needed
    lone = compare_hosts(docs, profile="os", ignore=["platform", "product_name", "edition_id"], allow_missing=True)
    assert lone["fields"]["solution_version"]["status"] == "missing"
    assert lone["identical"] is False
    assert "solution_version (missing on ws2025-01; only azl-01 has a value)" in lone["summary"]
    docs["azl-02"] = identities["azl-02"]
    allowed = compare_hosts(docs, profile="os", ignore=["platform", "product_name", "edition_id"], allow_missing=True)
    assert allowed["fields"]["solution_version"]["identical"] is True
    assert allowed["identical"] is True


# ------------------------------------------------------------------------------------- missing values

@pytest.mark.parametrize("docs, expected_missing", [
    ({"a": {"x": 1}, "b": {}}, ["b"]),
    ({"a": {"x": 1}, "b": {"x": None}}, ["b"]),
    ({"a": {}, "b": {}}, ["a", "b"]),
])
def test_missing_field_is_never_equal(docs, expected_missing):
    result = compare_hosts(docs, fields="x")
    field = result["fields"]["x"]
    assert field["missing"] == expected_missing
    assert field["identical"] is False
    assert result["identical"] is False
    assert result["differences"] == ["x"]


@pytest.mark.parametrize("allow_missing", [False, True])
def test_a_field_no_host_has_is_no_data_and_never_identical(allow_missing):
    docs = {"a": {"y": 1}, "b": {"y": 1}}
    result = compare_hosts(docs, fields=["x", "y"], allow_missing=allow_missing)
    field = result["fields"]["x"]
    assert field["status"] == "no_data" and field["identical"] is False
    assert field["missing"] == ["a", "b"] and field["groups"] == [] and field["values"] == {}
    assert result["differences"] == ["x"]
    assert result["identical"] is False
    assert "x (no host has a value)" in result["summary"]
    expected = compare_hosts(docs, fields=["x", "y"], expect_different=["x"], allow_missing=allow_missing)
    assert expected["fields"]["x"]["status"] == "no_data"  # even a field allowed to differ needs data
    assert expected["identical"] is False


def test_one_value_is_no_agreement_even_with_allow_missing():
    result = compare_hosts({"a": {"x": 1}, "b": {}, "c": {}}, fields="x", allow_missing=True)
    assert result["fields"]["x"]["status"] == "missing"
    assert result["fields"]["x"]["odd_hosts"] == []  # allowed to lack it, but nobody agrees with a
    assert result["identical"] is False


def test_missing_host_makes_result_not_identical():
    result = compare_hosts({"a": {"x": 1}, "b": {"x": 1}, "c": None}, fields="x")
    assert result["fields"]["x"]["identical"] is True
    assert result["missing_hosts"] == ["c"]
    assert result["missing_reasons"] == {"c": "no document"}
    assert result["identical"] is False
    assert result["summary"] == "NOT IDENTICAL: 2 hosts agree on 1 field. Missing hosts: c."
    allowed = compare_hosts({"a": {"x": 1}, "b": {"x": 1}, "c": None}, fields="x", allow_missing=True)
    assert allowed["identical"] is True
    assert allowed["summary"].endswith("Missing hosts (allowed): c.")


def test_no_hosts_is_not_identical():
    result = compare_hosts({}, fields="x")
    assert result["identical"] is False
    assert result["hosts"] == []
    assert result["fields"]["x"]["status"] == "no_data"
    assert result["summary"] == "NOT IDENTICAL: no host has data to compare."


@pytest.mark.parametrize("allow_missing", [False, True])
def test_a_single_host_is_not_identical_with_itself(allow_missing):
    result = compare_hosts({"a": {"x": [1, 2]}, "b": None}, fields=["x", "y"], allow_missing=allow_missing)
    assert result["identical"] is False
    assert result["fields"]["x"]["status"] == "single_host"
    assert result["fields"]["y"]["status"] == "no_data"
    assert result["summary"].startswith("NOT IDENTICAL: only a has data; a comparison needs at least two hosts.")


# ------------------------------------------------------------------------------------------ hostvars

def test_hostvars_with_hosts_reads_precomputed_identity_and_reports_absent_hosts(identities):
    hostvars = FakeHostVars({
        "azl-01": {"hyperv_identity": identities["azl-01"]},
        "azl-02": {"ansible_facts": {"hyperv_identity": identities["azl-02"]}},
        "down": {"ansible_facts": {}},
    })
    result = compare_hosts(hostvars, ["azl-02", "azl-01", "down", "ghost"], profile="kernel")
    assert result["hosts"] == ["azl-01", "azl-02"]
    assert result["missing_hosts"] == ["down", "ghost"]
    assert result["missing_reasons"]["ghost"] == "not in the inventory"
    assert "no hyperv_host facts" in result["missing_reasons"]["down"]
    assert result["fields"]["ubr"]["identical"] is True
    assert result["identical"] is False


def test_identity_gets_raw_facts_attached_for_profile_fields(identities):
    stamp = "2025-07-15T09:12:43.8815320Z"
    raw = {"hyperv": {"default_version": "12.0"}, "collected_at": stamp}
    hostvars = FakeHostVars({
        "a": {"hyperv_identity": dict(identities["azl-01"], collected_at=stamp), "ansible_facts": {"hyperv_host": raw}},
        "b": {"hyperv_identity": dict(identities["azl-02"], hyperv_host={"hyperv": {"default_version": "11.0"}})},
    })
    result = compare_hosts(hostvars, ["a", "b"], fields={"default": "hyperv_host.hyperv.default_version"})
    assert result["fields"]["default"]["values"] == {"a": "12.0", "b": "11.0"}
    # the identity itself is not modified
    assert "hyperv_host" not in identities["azl-01"]


def test_default_source_interprets_raw_facts_with_host_identity(monkeypatch):
    calls = []

    def fake_identity(facts, host=None):
        calls.append(host)
        return {"build": facts["os"]["current_build"]}

    import types
    import sys
    module = types.ModuleType("ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity")
    module.host_identity = fake_identity
    monkeypatch.setitem(sys.modules, module.__name__, module)
    hostvars = FakeHostVars({
        "n1": {"ansible_facts": {"hyperv_host": {"os": {"current_build": "26100"}}}},
        "n2": {"hyperv_host": {"os": {"current_build": "26100"}}},
    })
    result = compare_hosts(hostvars, ["n1", "n2"], fields={"build": "build", "raw": "hyperv_host.os.current_build"})
    assert calls == ["n1", "n2"]
    assert result["identical"] is True
    assert result["fields"]["raw"]["values"] == {"n1": "26100", "n2": "26100"}


@pytest.mark.parametrize("source, variables, expected", [
    ("ansible_facts.hyperv_guest", {"ansible_facts": {"hyperv_guest": {"v": 1}}}, {"v": 1}),
    ("hyperv_guest", {"ansible_facts": {"hyperv_guest": {"v": 2}}}, {"v": 2}),
    ("hyperv_guest", {"hyperv_guest": {"v": 3}, "ansible_facts": {"hyperv_guest": {"v": 4}}}, {"v": 3}),
    ("my.nested", {"my": {"nested": {"v": 5}}}, {"v": 5}),
])
def test_source_path_lookup_order(source, variables, expected):
    documents, missing, _notes = collect_documents(FakeHostVars({"h": variables}), ["h"], source)
    assert documents == {"h": expected}
    assert missing == {}


def test_source_path_absent_is_a_missing_host():
    documents, missing, _notes = collect_documents(FakeHostVars({"h": {"ansible_facts": {}}}), ["h"], "hyperv_guest")
    assert documents == {}
    assert missing == {"h": "no value for source 'hyperv_guest'"}


def test_document_form_reads_snapshot_style_documents(identities):
    data = {"old": {"hyperv_identity": identities["azl-03"]}, "new": identities["azl-01"]}
    result = compare_hosts(data, fields=["ubr"])
    assert result["fields"]["ubr"]["values"] == {"new": 4349, "old": 4061}


# --------------------------------------------------------------------------------------- options

def test_baseline_names_hosts_that_differ_from_it():
    docs = {"a": {"x": 1}, "b": {"x": 2}, "c": {"x": 2}, "d": {}}
    result = compare_hosts(docs, fields="x", baseline="a")
    field = result["fields"]["x"]
    assert field["reference"] == 1
    assert field["odd_hosts"] == ["b", "c", "d"]
    majority = compare_hosts(docs, fields="x")["fields"]["x"]
    assert majority["reference"] == 2
    assert majority["odd_hosts"] == ["a", "d"]


def test_baseline_without_value_has_no_reference():
    result = compare_hosts({"a": {}, "b": {"x": 2}, "c": {"x": 3}}, fields="x", baseline="a")
    assert result["fields"]["x"]["reference"] is None
    assert result["fields"]["x"]["odd_hosts"] == ["a"]


def test_tie_has_no_majority():
    result = compare_hosts({"a": {"x": 1}, "b": {"x": 2}}, fields="x")
    field = result["fields"]["x"]
    assert field["reference"] is None
    assert field["odd_hosts"] == []
    assert "x (split 1/1)" in result["summary"]


def test_allow_missing_keeps_missing_hosts_out_of_odd_hosts():
    result = compare_hosts({"a": {"x": 1}, "b": {"x": 1}, "c": {"x": 2}, "d": {}}, fields="x", allow_missing=True)
    assert result["fields"]["x"]["odd_hosts"] == ["c"]
    assert result["fields"]["x"]["missing"] == ["d"]


@pytest.mark.parametrize("normalize, fields, identical", [
    (None, "h", False),
    ("ignore_case", "h", True),
    (["ignore_case"], "h", True),
    ("trim", "h", False),
    (True, "h", True),
    ("trim", "t", True),
    (None, "t", False),
    (None, {"h": {"query": "h", "normalize": ["ignore_case"]}}, True),
])
def test_normalize(normalize, fields, identical):
    docs = {"a": {"h": "ABCDEF", "t": " x "}, "b": {"h": "abcdef", "t": "x"}}
    assert compare_hosts(docs, fields=fields, normalize=normalize)["identical"] is identical


def test_normalize_reaches_nested_strings_and_keeps_reported_values():
    docs = {"a": {"l": ["A ", {"k": "B"}]}, "b": {"l": ["a", {"k": "b "}]}}
    result = compare_hosts(docs, fields="l", normalize=True)
    assert result["fields"]["l"]["identical"] is True
    assert result["fields"]["l"]["values"]["a"] == ["A ", {"k": "B"}]
    assert result["fields"]["l"]["normalize"] == ["ignore_case", "trim"]


def test_expect_different_and_ignore_patterns(identities):
    docs = {h: identities[h] for h in ("azl-01", "azl-03")}
    result = compare_hosts(docs, profile="kernel", expect_different=["*_file_version", "version"],
                           ignore=["*_sha256"])
    assert "kernel_sha256" not in result["fields"]
    assert result["differences"] == ["ubr"]
    assert "kernel_file_version" in result["expected_differences"]


def test_profile_expected_difference_dropped_with_ignored_field(identities):
    result = compare_hosts({"a": identities["azl-01"]}, profile="kernel", ignore=["product_name"])
    assert "product_name" not in result["fields"]
    assert result["expected_differences"] == []


def test_fields_after_profile_and_custom_profile(identities):
    custom = {"description": "mine", "fields": {"b": "build", "p": "platform"}, "expect_different": ["p"]}
    docs = {h: identities[h] for h in ("ws2025-01", "azl-01")}
    result = compare_hosts(docs, profile=custom, fields={"cpu": "cpu_vendor"})
    assert list(result["fields"]) == ["b", "p", "cpu"]
    assert result["identical"] is True
    assert result["profile"] == "custom"
    both = compare_hosts(docs, profile=["kernel", "os"])
    assert both["profile"] == ["kernel", "os"]
    assert "solution_version" in both["fields"]


def test_complex_jmespath_works_and_a_failing_expression_is_an_error_naming_field_and_host():
    docs = {"a": {"v": ["8.0", "12.0"], "n": 1}, "b": {"v": ["12.0", "8.0"], "n": "x"}}
    result = compare_hosts(docs, fields={"max": "max(v)", "sorted": "sort(v)"})
    assert result["fields"]["max"]["identical"] is True
    assert result["fields"]["sorted"]["identical"] is True
    with pytest.raises(ValueError) as exc:
        compare_hosts(docs, fields={"max": "max(v)", "len": "length(n)"})
    assert str(exc.value).startswith("field 'len': the expression 'length(n)' failed on host 'a': In function length()")


@pytest.mark.parametrize("kwargs, message", [
    ({"profile": "kernal"}, "unknown profile 'kernal' (known profiles: cluster, guest, hyperv, kernel, os)"),
    ({"fields": "build[", "profile": None}, "invalid JMESPath expression 'build['"),
    ({"fields": {"b": "a..b"}}, "field 'b': invalid JMESPath expression 'a..b'"),
    ({}, "give 'fields'"),
    ({"fields": "x", "ignore": "x"}, "every field is ignored"),
    ({"fields": "x", "ignore": "y"}, "ignore: 'y' matches no field"),
    ({"fields": "x", "expect_different": ["z*"]}, "expect_different: 'z*' matches no field"),
    ({"fields": "x", "normalize": "upper"}, "unknown normalisation 'upper'"),
    ({"fields": {"x": {"query": "x", "bogus": 1}}}, "field 'x' has unknown keys bogus"),
    ({"fields": {"x": {"description": "no query"}}}, "field 'x' has no query"),
    ({"fields": ["x"], "profile": {"fields": {"x": "y"}}}, "label 'x' is given twice"),
    ({"profile": {"fields": {}}}, "a custom profile needs 'fields'"),
    ({"profile": {"fields": {"x": "x"}, "extra": 1}}, "unknown keys extra in a custom profile"),
    ({"profile": {"fields": {"x": "x"}, "expect_different": ["y"]}}, "profile 'custom' expect_different: y is not"),
    ({"fields": "x", "baseline": "nobody"}, "baseline: host 'nobody' is not among the compared hosts"),
    ({"fields": "  "}, "must be a non-empty JMESPath expression"),
])
def test_bad_options_name_the_problem(kwargs, message):
    with pytest.raises(ValueError, match=None) as exc:
        compare_hosts({"a": {"x": 1}}, **kwargs)
    assert message in str(exc.value)


@pytest.mark.parametrize("data, kwargs, message", [
    (["a"], {"fields": "x"}, "expects hostvars (with a list of hosts) or a dict host -> document, got list"),
    ({"a": "text"}, {"fields": "x"}, "host 'a': expected a dict of facts, got str"),
    ({"a": {"x": 1}}, {"fields": 5}, "fields: expected a JMESPath expression"),
    ({"a": {"x": 1}}, {"fields": [5]}, "must hold JMESPath expressions"),
    ({"a": {"x": 1}}, {"fields": {5: "x"}}, "field labels must be strings"),
    ({"a": {"x": 1}}, {"fields": {"x": 5}}, "field 'x' must be a JMESPath expression or a dict"),
    ({"a": {"x": 1}}, {"fields": "x", "ignore": 5}, "ignore: expected a string or a list of strings"),
    ({"a": {"x": 1}}, {"fields": "x", "allow_missing": "yes"}, "allow_missing: expected a boolean"),
    ({"a": {"x": 1}}, {"fields": "x", "baseline": 3}, "baseline: expected a host name"),
    ({"a": {"x": 1}}, {"fields": "x", "source": ""}, "source: expected 'identity' or a variable path"),
    ({1: {"x": 1}}, {"fields": "x"}, "host names must be strings"),
    ({"a": {"hyperv_identity": "text"}}, {"fields": "x"}, "host 'a': hyperv_identity is a str, expected a dict"),
    ({"a": {"hyperv_host": ["x"]}}, {"fields": "x"}, "host 'a': hyperv_host is a list, expected a dict of facts"),
    ({"a": {"g": "text"}}, {"fields": "x", "source": "g"}, "host 'a': source 'g' is a str, expected a dict"),
    ({"a": {"x": 1}}, {"profile": 5}, "profile: expected a profile name"),
])
def test_bad_input_types_name_the_problem(data, kwargs, message):
    with pytest.raises(TypeError) as exc:
        compare_hosts(data, **kwargs)
    assert message in str(exc.value)


def test_hostvars_host_with_non_mapping_variables_is_an_error():
    with pytest.raises(TypeError, match="host 'h': expected a dict of host variables, got list"):
        collect_documents({"h": ["x"]}, ["h"])


# ------------------------------------------------------------------------------------------ values

@pytest.mark.parametrize("left, right, equal", [
    (1, 1.0, True),
    (True, 1, False),
    (False, 0, False),
    ("1", 1, False),
    ([1, 2], [1, 2], True),
    ([1, 2], [2, 1], False),
    ([1, 2], (1, 2), True),
    ({"a": 1, "b": [True]}, {"b": [True], "a": 1}, True),
    ({"a": 1}, {"a": True}, False),
    ({"a": None}, {}, False),
    ([], {}, False),
    ({1, 2}, {2, 1}, True),
    (object, object, True),
])
def test_value_key_equality_follows_json(left, right, equal):
    assert (value_key(left) == value_key(right)) is equal


def test_value_key_is_hashable_for_nested_values():
    assert hash(value_key({"a": [{"b": {"c"}}], "d": None}))


def test_bool_and_int_values_form_separate_groups():
    result = compare_hosts({"a": {"x": True}, "b": {"x": 1}, "c": {"x": 1.0}}, fields="x")
    assert result["fields"]["x"]["groups"] == [{"value": 1, "hosts": ["b", "c"]}, {"value": True, "hosts": ["a"]}]


def test_simple_path_matches_jmespath_semantics():
    docs = [{"a": {"b": 1}}, {"a": "text"}, {"a": [1]}, {"a": None}, {}, {"a": {"b": {"c": 2}}}]
    for query in ("a", "a.b", "a.b.c"):
        get = compile_query(query)
        for doc in docs:
            assert get(doc) == jmespath.search(query, doc)


def test_simple_path_does_not_need_jmespath(monkeypatch):
    monkeypatch.setattr(_compare, "jmespath", None)
    assert compile_query("kernel.hashes.sha256")({"kernel": {"hashes": {"sha256": "AB"}}}) == "AB"
    with pytest.raises(ValueError, match="jmespath Python library is required"):
        compile_query("max(v)", "m")


# ------------------------------------------------------------------------------------------ helpers

def test_natural_order_of_hosts():
    names = ["node10", "node2", "node1", "Node3", "node01"]
    assert sorted(names, key=natural_key) == ["Node3", "node01", "node1", "node2", "node10"]


def test_is_comparison():
    result = compare_hosts({"a": {"x": 1}}, fields="x")
    assert is_comparison(result)
    assert not is_comparison({"identical": True})
    assert not is_comparison(None)


def test_build_fields_labels_and_expected():
    fields, names = build_fields(fields={"b": "build"}, profile="kernel", expect_different="b")
    labels = [f.label for f in fields]
    assert labels[-1] == "b" and labels[0] == "build"
    assert [f.label for f in fields if f.expected] == ["platform", "product_name", "edition_id", "b"]
    assert names == ["kernel"]


def test_summary_lists_at_most_five_fields():
    docs = {"a": {k: 1 for k in "abcdefg"}, "b": {k: 2 for k in "abcdefg"}}
    summary = compare_hosts(docs, fields=list("abcdefg"))["summary"]
    assert summary.count("split") == 5
    assert summary.endswith("and 2 more.")


def test_missing_and_odd_in_one_field_summary():
    docs = {"a": {"x": 1}, "b": {"x": 1}, "c": {"x": 2}, "d": {}}
    summary = compare_hosts(docs, fields="x")["summary"]
    assert "x (c differs; missing on d)" in summary


def test_input_documents_are_not_modified(identities):
    before = copy.deepcopy(identities)
    compare_hosts(identities, profile=["kernel", "os", "hyperv", "cluster"], normalize=True, allow_missing=True)
    assert identities == before


# ------------------------------------------------------------------ default source on collector output

@pytest.fixture
def raw(load_data):
    """Raw hyperv_host facts shaped like host_facts.ps1 output (tests/unit/data/host_facts, see its README)."""
    return lambda name: load_data("host_facts/%s.json" % name)


def test_default_source_on_gathered_hostvars_proves_the_kernel(raw):
    hostvars = FakeHostVars({
        "ws2025": {"ansible_facts": {"hyperv_host": raw("ws2025_datacenter_26100_4349")}},
        "al2506": {"ansible_facts": {"hyperv_host": raw("azurelocal_2506_26100_4349")}},
        "al2505": {"hyperv_host": raw("azurelocal_2505_26100_4061")},  # facts injected as a variable
        "offline": {"ansible_facts": {}},
    })
    proof = compare_hosts(hostvars, ["ws2025", "al2506"], profile="kernel")
    assert proof["identical"] is True
    assert proof["fields"]["platform"]["values"] == {"al2506": "azure_local", "ws2025": "windows_server"}
    assert proof["fields"]["kernel_microsoft_signed"]["values"] == {"al2506": True, "ws2025": True}
    behind = compare_hosts(hostvars, ["ws2025", "al2506", "al2505", "offline"], profile="kernel")
    assert behind["fields"]["ubr"]["odd_hosts"] == ["al2505"]
    assert behind["missing_hosts"] == ["offline"]
    # the raw facts ride along for fields the identity does not interpret
    raw_field = compare_hosts(hostvars, ["ws2025", "al2506"], fields={"sku": "hyperv_host.os_cim.operating_system_sku"})
    assert raw_field["fields"]["sku"]["groups"][0]["value"] != raw_field["fields"]["sku"]["groups"][1]["value"]


def test_document_form_interprets_raw_facts_and_captured_text(raw, load_data):
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import parse_systeminfo, parse_ver

    systeminfo = parse_systeminfo(load_data("captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt"))
    data = {
        "live": raw("ws2025_ec2_no_hyperv"),
        "text": [systeminfo, parse_ver("Microsoft Windows [Version 10.0.26100.%d]" % 4349)],
        "only-systeminfo": systeminfo,
    }
    result = compare_hosts(data, fields=["build", "os_name", "platform", "host_name"])
    assert result["identical"] is True, result["summary"]
    assert result["fields"]["build"]["values"] == {"live": 26100, "only-systeminfo": 26100, "text": 26100}


def test_document_form_keeps_identities_and_plain_documents(identities):
    identity = dict(identities["azl-01"], source="systeminfo")  # an identity made from text is still an identity
    result = compare_hosts({"a": identity, "b": {"build": 26100, "source": "cmdb"}}, fields="build")
    assert result["identical"] is True


def test_malformed_raw_facts_are_an_error_naming_the_host(raw):
    facts = raw("azurelocal_2506_26100_4349")
    facts["os_registry"] = "not a dict"
    with pytest.raises(ValueError, match="host 'bad'"):
        compare_hosts(FakeHostVars({"bad": {"ansible_facts": {"hyperv_host": facts}}}), ["bad"], profile="os")


def test_hyperv_profile_names_a_setting_drift(identities):
    docs = {h: identities[h] for h in ("azl-01", "azl-02", "ws2025-01")}
    result = compare_hosts(docs, profile="hyperv")
    assert result["differences"] == ["live_migration_max"]
    assert result["fields"]["live_migration_max"]["odd_hosts"] == ["azl-02"]


# ------------------------------------------------------------------------- evaluation paths

def test_many_distinct_values_are_grouped_one_by_one():
    docs = {"h%02d" % i: {"x": i % 12} for i in range(30)}
    field = compare_hosts(docs, fields="x")["fields"]["x"]
    assert len(field["groups"]) == 12
    assert field["groups"][0] == {"value": 0, "hosts": ["h00", "h12", "h24"]}
    assert field["groups"][-1] == {"value": 11, "hosts": ["h11", "h23"]}
    assert field["reference"] is None  # six groups of three tie


def test_nan_is_only_equal_to_itself():
    nan = float("nan")
    same_object = compare_hosts({"a": {"x": nan}, "b": {"x": nan}}, fields="x")["fields"]["x"]
    assert len(same_object["groups"]) == 1
    parsed = compare_hosts({"a": {"x": float("nan")}, "b": {"x": float("nan")}, "c": {"x": 1}}, fields="x")
    assert len(parsed["fields"]["x"]["groups"]) == 3


def test_mapping_documents_take_the_generic_path(identities):
    hostvars = FakeHostVars({h: identities[h] for h in ("azl-01", "azl-03")})
    result = compare_hosts({h: hostvars[h] for h in hostvars}, profile="kernel")
    assert result["fields"]["ubr"]["values"] == {"azl-01": 4349, "azl-03": 4061}
    assert result["fields"]["kernel_sha256"]["identical"] is False


@pytest.mark.parametrize("column", [
    ["a", "a", None],
    [1, 1.0, True],
    [[1, 2], [1, 2], [True, 2]],
    [{"k": 1}, {"k": 1}, {"k": True}],
    [[[1]], [[1]], [[True]]],
    [False, 0, 0.0],
])
def test_booleans_never_merge_with_numbers(column):
    docs = {"h%d" % i: {"x": v} for i, v in enumerate(column)}
    field = compare_hosts(docs, fields="x")["fields"]["x"]
    assert field["identical"] is False


def test_contract_raw_facts_markers_are_emitted_by_host_facts():
    """compare_hosts recognises raw host_facts output by these keys: the collector must emit them."""
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(__file__), "..", "..", "contract.py")
    spec = importlib.util.spec_from_file_location("hvazl_contract", path)
    contract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(contract)
    assert set(_compare._RAW_FACTS_KEYS) <= contract.emitted_keys(contract.collector_path("host_facts"))


@pytest.mark.parametrize("allow_missing, expected", [
    (False, ["h03", "h07", "h11"]),
    (True, ["h03", "h11"]),
])
def test_few_odd_hosts_among_many_come_in_host_order(allow_missing, expected):
    docs = {"h%02d" % i: {"x": 1} for i in range(24)}  # three odd hosts of 24: the sorting path
    docs["h11"] = {"x": 2}
    docs["h03"] = {"x": 3}
    docs["h07"] = {}
    field = compare_hosts(docs, fields="x", allow_missing=allow_missing)["fields"]["x"]
    assert field["odd_hosts"] == expected
    assert field["reference"] == 1


def test_many_values_with_missing_hosts():
    docs = {"h%02d" % i: ({"x": i} if i % 4 else {}) for i in range(24)}
    field = compare_hosts(docs, fields="x")["fields"]["x"]
    assert len(field["groups"]) == 18
    assert field["missing"] == ["h00", "h04", "h08", "h12", "h16", "h20"]


def test_nested_fields_read_through_absent_and_non_mapping_sections():
    """Each parent column is read once: absent sections give null below them, as do strings and lists."""
    docs = {
        "h1": {"kernel": {"hashes": {"sha256": "AB"}, "image": "ntoskrnl.exe"}},
        "h2": {"kernel": None},
        "h3": {},
        "h4": {"kernel": {"hashes": {"sha256": "AB"}, "image": "ntoskrnl.exe"}},
        "h5": {"kernel": "not a section"},
        "h6": {"kernel": {"hashes": ["AB"], "image": "ntoskrnl.exe"}},
    }
    fields = {"hash": "kernel.hashes.sha256", "image": "kernel.image"}
    result = compare_hosts(docs, fields=fields)["fields"]
    assert result["hash"]["values"] == {"h1": "AB", "h4": "AB"}
    assert result["hash"]["missing"] == ["h2", "h3", "h5", "h6"]
    assert result["image"]["missing"] == ["h2", "h3", "h5"]
    assert result["image"]["groups"] == [{"value": "ntoskrnl.exe", "hosts": ["h1", "h4", "h6"]}]
    only_absent = compare_hosts({h: docs[h] for h in ("h1", "h2", "h3", "h4")}, fields=fields)["fields"]
    assert only_absent["hash"]["values"] == {"h1": "AB", "h4": "AB"}
    assert only_absent["hash"]["missing"] == ["h2", "h3"]

    def as_mapping(value):  # every level a Mapping that is not a dict: the generic path
        if isinstance(value, dict):
            return FakeHostVarsVars({k: as_mapping(v) for k, v in value.items()})
        return value

    mapping = compare_hosts({h: as_mapping(d) for h, d in docs.items()}, fields=fields)["fields"]
    assert mapping == result


@pytest.mark.parametrize("extra, interpreted", [
    ({}, False),
    ({"source": "ver"}, True),
    ({"os_registry": {}}, True),
])
def test_document_form_interprets_only_documents_with_observation_keys(monkeypatch, extra, interpreted):
    seen = []

    def interpret(facts, host):
        seen.append(host)
        return {"platform": "windows_server", "lineage": "ws2025", "build": 26100}

    monkeypatch.setattr(_compare, "_interpret", interpret)
    docs = {"b": {"build": 26100}, "a": dict({"build": 26100}, **extra)}
    result = compare_hosts(docs, fields="build")
    assert result["identical"] is True
    assert result["hosts"] == ["a", "b"]
    assert seen == (["a"] if interpreted else [])
