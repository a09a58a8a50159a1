"""Truthful verdicts: the cases where a comparison once claimed agreement it had not observed, rebuilt from public
captures (tests/unit/data/captures) and the demo inventory's SAMPLE facts (playbooks/inventory/demo), and the
freshness and missing-reason rules (plugins/plugin_utils/_compare.py)."""
import copy
import json
import os
from unittest.mock import MagicMock

import pytest
from ansible.playbook.task import Task

from ansible_collections.hyperv.azlocal.plugins.action.assert_identical import ActionModule as AssertIdentical
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts, plain
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import parse_systeminfo, parse_ver
from ansible_collections.hyperv.azlocal.plugins.test.identical import TestModule as IdenticalTests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
AT = "2026-11-30T10:45:00Z"
KERNEL_FILE_FIELDS = ["kernel_image", "kernel_file_version", "kernel_sha256", "kernel_signature_status",
                      "kernel_signer", "kernel_microsoft_signed", "hypervisor_image", "hypervisor_file_version",
                      "hypervisor_sha256", "hypervisor_signature_status", "hypervisor_signer",
                      "hypervisor_microsoft_signed"]


def demo_facts(host):
    """The raw hyperv_host facts of a demo host (SAMPLE data, see tools/make_demo_inventory.py)."""
    with open(os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars", host + ".json"), encoding="utf-8") as handle:
        return json.load(handle)["hyperv_demo_sample"]["hyperv_host"]


@pytest.fixture
def systeminfo(load_data):
    return {
        "ws2025-ec2": parse_systeminfo(load_data("captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt")),
        "ws2022-ec2": parse_systeminfo(load_data("captures/systeminfo_ws2022_datacenter_ec2_fo-list_wazuh30326_partial.txt")),
    }


# ------------------------------------------------- 1. fields nobody observed are not agreement

@pytest.mark.parametrize("allow_missing", [True, False])
def test_hosts_known_only_from_systeminfo_do_not_agree_on_files_nobody_read(systeminfo, allow_missing):
    data = {"a": systeminfo["ws2025-ec2"], "b": systeminfo["ws2022-ec2"], "c": copy.deepcopy(systeminfo["ws2025-ec2"])}
    result = compare_hosts(data, profile="kernel", allow_missing=allow_missing)
    assert result["identical"] is False
    for label in KERNEL_FILE_FIELDS:
        entry = result["fields"][label]
        assert entry["status"] == "no_data", label
        assert entry["values"] == {}, label  # not even the file name ntoskrnl.exe: no file was read
    assert result["summary"].startswith("NOT IDENTICAL: 16 of 18 fields are not identical across 3 hosts: ")
    assert "kernel_image (no host has a value)" in result["summary"]
    # what the text did observe still compares: b runs another build
    assert result["fields"]["build"]["odd_hosts"] == ["b"]


def test_a_guest_does_not_differ_from_hosts_on_a_hypervisor_it_does_not_run(systeminfo):
    """An AMD EC2 guest known from systeminfo has no hypervisor image; Intel hosts that read hvix64.exe do."""
    data = {"ec2-guest": systeminfo["ws2025-ec2"], "azl-node01": demo_facts("azl-node01"),
            "azl-node02": demo_facts("azl-node02")}
    field = compare_hosts(data, fields={"hv": "hypervisor.image"})["fields"]["hv"]
    assert field["status"] == "missing"
    assert field["values"] == {"azl-node01": "hvix64.exe", "azl-node02": "hvix64.exe"}
    assert field["missing"] == ["ec2-guest"]


def test_three_hosts_from_systeminfo_and_ver_still_agree_on_what_the_text_says(systeminfo):
    ver = parse_ver("Microsoft Windows [Version 10.0.26100.4349]")
    data = {name: [systeminfo["ws2025-ec2"], ver] for name in ("n1", "n2", "n3")}
    result = compare_hosts(data, fields=["build", "ubr", "version", "platform", "kernel.image"], allow_missing=True)
    assert [result["fields"][f]["status"] for f in ("build", "ubr", "version", "platform")] == ["identical"] * 4
    assert result["fields"]["kernel.image"]["status"] == "no_data"
    assert result["identical"] is False


# ---------------------------------------------- 2. a comparison with no data is never green

def test_every_host_missing_gives_no_identical_field_and_no_passing_junit_case(load_data):
    from ansible_collections.hyperv.azlocal.plugins.filter.report_junit import report_junit

    import xml.etree.ElementTree as ET

    result = compare_hosts({"azl-node01": None, "azl-node02": None, "azl-node03": None}, profile="kernel",
                           allow_missing=True, compared_at=AT)
    assert not [f for f, e in result["fields"].items() if e["status"] != "no_data"]
    suite = ET.fromstring(report_junit(result)).find("testsuite")
    assert all(case.find("failure") is not None for case in suite.findall("testcase"))


# ------------------------------------------- 3. JMESPath functions work on Ansible's tagged values

def tagged(value):
    """A value as Ansible 2.19+ hands it to a filter from an inventory, vars: or set_fact: tagged with its origin."""
    tags = pytest.importorskip("ansible._internal._datatag._tags", reason="ansible-core before 2.19 tags no values")
    datatag = pytest.importorskip("ansible.module_utils._internal._datatag")
    return datatag.AnsibleTagHelper.tag(value, [tags.Origin(path="/inventory/host_vars/h.yml", line_num=3)])


def test_tagged_values_are_ansibles_own_subclasses():
    assert tagged(-1).__class__ is not int and isinstance(tagged(-1), int)
    assert plain(tagged({"x": tagged([tagged("a")])}))["x"][0].__class__ is str


@pytest.mark.parametrize("query, values, expected", [
    ("abs(x)", (-1, 1), "identical"),
    ("abs(x)", (-1, 5), "different"),
    ("length(l)", ([1, 2], ["a", "b"]), "identical"),
    ("starts_with(s, 'a')", ("ab", "ax"), "identical"),
    ("starts_with(s, 'a')", ("ab", "ba"), "different"),
    ("max(l)", ([1, 9], [9, 2]), "identical"),
    ("sort(l)", (["b", "a"], ["a", "b"]), "identical"),
])
@pytest.mark.parametrize("allow_missing", [False, True])
def test_jmespath_functions_work_on_tagged_values(query, values, expected, allow_missing):
    key = query.split("(")[1][0]
    docs = tagged({"h1": tagged({key: tagged(values[0])}), "h2": tagged({key: tagged(values[1])})})
    field = compare_hosts(docs, fields={"f": query}, allow_missing=allow_missing)["fields"]["f"]
    assert field["status"] == expected
    assert field["missing"] == []
    for value in field["values"].values():
        assert type(value) in (int, bool, str, list)  # the result holds plain JSON values


def test_abs_of_minus_one_and_five_is_not_identical_through_every_plugin():
    docs = {"h1": tagged({"x": tagged(-1)}), "h2": tagged({"x": tagged(5)})}
    identical = IdenticalTests().tests()["identical"]
    assert identical(docs, fields="abs(x)", allow_missing=True) is False
    task = MagicMock(Task)
    task.args = {"documents": docs, "fields": "abs(x)", "allow_missing": True, "quiet": True}
    task.async_val, task.check_mode, task.action = 0, False, "hyperv.azlocal.assert_identical"
    action = AssertIdentical(task, MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    result = action.run(task_vars={})
    assert result["failed"] is True
    assert result["fields"]["abs(x)"]["groups"] == [{"value": 1, "hosts": ["h1"]}, {"value": 5, "hosts": ["h2"]}]


def test_true_and_a_tagged_one_stay_apart():
    docs = {"h1": {"x": True}, "h2": {"x": tagged(1)}, "h3": {"x": tagged(1.0)}}
    field = compare_hosts(docs, fields="x")["fields"]["x"]
    assert field["groups"] == [{"value": 1, "hosts": ["h2", "h3"]}, {"value": True, "hosts": ["h1"]}]


def test_an_expression_failing_on_a_host_names_field_expression_and_host():
    docs = {"node1": {"n": "26100"}, "node2": {"n": tagged(26100)}}
    with pytest.raises(ValueError) as exc:
        compare_hosts(docs, fields={"len": "length(n)"})
    assert str(exc.value).startswith("field 'len': the expression 'length(n)' failed on host 'node2': ")
    # a function given null is a host that lacks the value, not an error
    field = compare_hosts({"node1": {"n": "ab"}, "node2": {}, "node3": {"n": "cd"}}, fields={"len": "length(n)"})
    assert field["fields"]["len"]["missing"] == ["node2"]


# ------------------------------------------------------- 4. stale facts never win

def test_fresher_raw_facts_beat_an_older_cached_identity():
    """The fact cache holds an identity from when the node ran 4349; its raw facts now say 4061."""
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

    old = host_identity(demo_facts("azl-node01"), host="azl-node01")
    fresh = demo_facts("azl-node03")  # the same node a month later, say: 26100.4061
    hostvars = {"node": {"hyperv_identity": old, "ansible_facts": {"hyperv_host": fresh}},
                "peer": {"ansible_facts": {"hyperv_host": demo_facts("azl-node03")}}}
    result = compare_hosts(hostvars, ["node", "peer"], fields=["ubr"], compared_at=AT)
    assert result["fields"]["ubr"]["values"] == {"node": 4061, "peer": 4061}
    assert result["observed_at"]["node"] == fresh["collected_at"]


def test_an_identity_made_from_the_facts_next_to_it_is_used_as_it_is(monkeypatch):
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _compare
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

    facts = demo_facts("azl-node01")
    identity = host_identity(facts, host="azl-node01")
    monkeypatch.setattr(_compare, "_interpret", lambda *_args: pytest.fail("interpreted again"))
    result = compare_hosts({"a": {"hyperv_identity": identity, "ansible_facts": {"hyperv_host": facts}},
                            "b": {"hyperv_identity": identity}}, ["a", "b"], fields=["ubr"])
    assert result["identical"] is True


def status(state="unreachable", refresh=True, max_age=0, complete=True, message="ntlm: connection refused"):
    return {"started_at": "2026-11-30T10:40:00Z", "refresh": refresh, "max_age": max_age, "complete": complete,
            "unreachable": message if state == "unreachable" else None,
            "documents": {"hyperv_host": {"state": state, "message": message}} if state else {}}


def test_refresh_of_unreachable_hosts_never_compares_their_cached_facts():
    hostvars = {host: {"hyperv_facts_status": status(), "ansible_facts": {"hyperv_host": demo_facts(host)}}
                for host in ("azl-node01", "azl-node02", "azl-node03")}
    result = compare_hosts(hostvars, sorted(hostvars), profile="kernel", compared_at=AT)
    assert result["identical"] is False and result["hosts"] == []
    for host in hostvars:
        assert result["missing_reasons"][host] == (
            "unreachable; cached facts from %s not used: ntlm: connection refused" % demo_facts(host)["collected_at"])
    assert result["summary"] == ("NOT IDENTICAL: no host has data to compare. "
                                 "Missing hosts: azl-node01, azl-node02, azl-node03.")


@pytest.mark.parametrize("max_age, used", [(600 * 86400, True), (86400, False)])
def test_max_age_decides_whether_cached_facts_stand_in(max_age, used):
    hostvars = {host: {"hyperv_facts_status": status(max_age=max_age),
                       "ansible_facts": {"hyperv_host": demo_facts(host)}} for host in ("azl-node01", "azl-node03")}
    result = compare_hosts(hostvars, sorted(hostvars), fields=["ubr"], compared_at=AT)  # 2025-07-15 -> 2026-11-30
    stamp = demo_facts("azl-node01")["collected_at"]
    if used:
        assert result["hosts"] == ["azl-node01", "azl-node03"]
        assert result["notes"]["azl-node01"] == ("unreachable; cached facts from %s used (at most facts_max_age %d s "
                                                 "old)" % (stamp, max_age))
        assert result["fields"]["ubr"]["status"] == "different"
    else:
        assert result["hosts"] == []
        assert result["missing_reasons"]["azl-node01"] == (
            "unreachable; cached facts from %s not used (older than facts_max_age 86400 s): ntlm: connection refused"
            % stamp)


@pytest.mark.parametrize("hyperv_facts_status, reason", [
    (status(state="gathered"), None),
    (status(state="cached", refresh=False), None),
    (status(state=None, complete=True), None),  # a document the role does not keep: no judgement
    (status(state=None, complete=False),
     "gathering hyperv_host failed; cached facts from %s not used: the hyperv.azlocal.facts role did not finish on "
     "this host (a task failed)"),
    (status(state="failed", message="Access is denied"),
     "gathering hyperv_host failed; cached facts from %s not used: Access is denied"),
])
def test_what_the_facts_role_recorded_decides(hyperv_facts_status, reason):
    facts = demo_facts("azl-node01")
    hostvars = {"a": {"hyperv_facts_status": hyperv_facts_status, "ansible_facts": {"hyperv_host": facts}},
                "b": {"ansible_facts": {"hyperv_host": facts}}}
    result = compare_hosts(hostvars, ["a", "b"], fields=["ubr"], compared_at=AT)
    if reason is None:
        assert result["identical"] is True
    else:
        assert result["missing_reasons"] == {"a": reason % facts["collected_at"]}


def test_the_guest_source_follows_the_guest_document_state():
    guest = {"hypervisor": "hyperv", "collected_at": "2026-11-30T10:41:07.123456Z"}
    recorded = status(state=None)
    recorded["documents"] = {"hyperv_guest": {"state": "unreachable", "message": "ssh: timed out"},
                             "hyperv_host": {"state": "not_run", "message": "not a Windows host"}}
    hostvars = {"vm1": {"hyperv_facts_status": recorded, "ansible_facts": {"hyperv_guest": guest}},
                "vm2": {"ansible_facts": {"hyperv_guest": guest}}}
    result = compare_hosts(hostvars, ["vm1", "vm2"], source="ansible_facts.hyperv_guest", fields=["hypervisor"],
                           compared_at=AT)
    assert result["missing_reasons"] == {
        "vm1": "unreachable; cached facts from 2026-11-30T10:41:07.123456Z not used: ssh: timed out"}
    identity = compare_hosts(hostvars, ["vm1"], fields=["build"], compared_at=AT)
    assert identity["missing_reasons"] == {"vm1": "not a Windows host"}


# --------------------------------------------------------------- missing reasons that help

@pytest.mark.parametrize("variables, reason", [
    ({"ansible_facts": {"os_family": "Debian", "hyperv_guest": {}}},
     "not a Windows host (os_family Debian): hyperv.azlocal.host_facts does not run there"),
    ({"ansible_facts": {"hyperv_guest": {}}}, "no hyperv_host facts, only guest facts (hyperv_guest): not a Windows "
                                              "host, or hyperv.azlocal.host_facts was not run on it"),
    ({"ansible_facts": {"os_family": "Windows"}}, "no hyperv_host facts: hyperv.azlocal.host_facts was not run on this "
                                                  "host, or did not reach it"),
    ({"hyperv_facts_status": status(state="not_run",
                                    message="hyperv.azlocal.host_facts was not run (facts_host_facts is false)")},
     "hyperv.azlocal.host_facts was not run (facts_host_facts is false)"),
    ({"hyperv_facts_status": status(message="winrm: Connection refused")}, "unreachable: winrm: Connection refused"),
])
def test_a_host_without_data_says_why(variables, reason):
    result = compare_hosts({"h": variables}, ["h"], fields=["build"], compared_at=AT)
    assert result["missing_reasons"] == {"h": reason}


def test_probe_errors_explain_values_a_host_lacks(load_data):
    data = {"admin": load_data("host_facts/azurelocal_2506_26100_4349.json"),
            "nonadmin": load_data("host_facts/azurelocal_2506_nonadmin_errors.json")}
    result = compare_hosts(data, profile="hyperv", compared_at=AT)
    assert result["probe_errors"]["nonadmin"][0].startswith("solution: ")
    assert result["probe_errors"]["nonadmin"][1].startswith("vmhost: ")
    assert "admin" not in result["probe_errors"]
    assert "nonadmin" in result["fields"]["vm_version_default"]["missing"]


@pytest.mark.parametrize("variables, error, message", [
    ({"hyperv_facts_status": "yes"}, TypeError, "host 'h': hyperv_facts_status is a str, expected the dict"),
    ({"hyperv_facts_status": status(max_age="1d"), "ansible_facts": {"hyperv_host": {"os_registry": {}}}}, TypeError,
     "host 'h': hyperv_facts_status.max_age must be a number of seconds, got '1d'"),
    ({"ansible_facts": {"hyperv_host": {"os_registry": {}, "collected_at": "yesterday"}}}, ValueError,
     "host 'h': collected_at: expected an ISO 8601 UTC time"),
])
def test_bad_freshness_data_is_an_error_naming_the_host(variables, error, message):
    with pytest.raises(error) as exc:
        compare_hosts({"h": variables, "g": {"hyperv_identity": {"build": 1}}}, ["h", "g"], fields=["build"],
                      compared_at=AT)
    assert message in str(exc.value)


def test_compared_at_must_be_a_utc_time():
    with pytest.raises(ValueError, match="compared_at: expected an ISO 8601 UTC time"):
        compare_hosts({"a": {"x": 1}}, fields="x", compared_at="30/11/2026")
