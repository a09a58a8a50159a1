"""Unit tests for the hyperv.azlocal.assert_identical action plugin (controller only, over hostvars)."""
from unittest.mock import MagicMock

import pytest
import yaml
from ansible.errors import AnsibleActionFail
from ansible.playbook.task import Task

from ansible_collections.hyperv.azlocal.plugins.action.assert_identical import ARGUMENT_SPEC, ActionModule
from ansible_collections.hyperv.azlocal.plugins.modules import assert_identical as docs


def make_action(args, check_mode=False):
    task = MagicMock(Task)
    task.args = args
    task.async_val = 0
    task.check_mode = check_mode
    task.action = "hyperv.azlocal.assert_identical"
    connection = MagicMock()
    connection._shell.tmpdir = "remote-tmp"
    return ActionModule(task, connection, MagicMock(), loader=None, templar=None, shared_loader_obj=None)


@pytest.fixture
def task_vars(load_data):
    identities = load_data("compare/identities.json")
    hostvars = {host: {"hyperv_identity": identity} for host, identity in identities.items()}
    hostvars["down"] = {"ansible_facts": {}}
    return {"hostvars": hostvars, "ansible_play_hosts_all": ["ws2025-01", "azl-01", "azl-02"]}


def test_spec_matches_the_documentation():
    options = yaml.safe_load(docs.DOCUMENTATION)["options"]
    assert set(options) == set(ARGUMENT_SPEC)
    for name, spec in ARGUMENT_SPEC.items():
        doc = options[name]
        assert spec["type"] == doc.get("type", "str"), name
        assert spec.get("default") == doc.get("default"), name
        assert spec.get("elements") == doc.get("elements"), name
        assert spec.get("aliases") == doc.get("aliases"), name
    returned = yaml.safe_load(docs.RETURN)
    assert {"msg", "table", "identical", "fields", "summary"} <= set(returned)
    yaml.safe_load(docs.EXAMPLES)


@pytest.mark.parametrize("check_mode", [False, True])
def test_identical_play_hosts_pass(task_vars, check_mode):
    result = make_action({"profile": "kernel"}, check_mode=check_mode).run(task_vars=task_vars)
    assert result.get("failed") is not True
    assert result["changed"] is False
    assert result["identical"] is True
    assert result["hosts"] == ["azl-01", "azl-02", "ws2025-01"]
    assert result["msg"] == result["summary"]
    assert result["_ansible_verbose_always"] is True
    assert result["table"][0] == result["summary"]
    assert any(line.startswith("product_name") for line in result["table"])  # expected differences are listed


def test_difference_fails_with_a_table_naming_fields_and_hosts(task_vars):
    args = {"hosts": ["ws2025-01", "azl-01", "azl-02", "azl-03", "down"], "profile": "kernel",
            "fail_msg": "Nodes drifted apart."}
    result = make_action(args).run(task_vars=task_vars)
    assert result["failed"] is True
    lines = result["msg"].splitlines()
    assert lines[0] == "Nodes drifted apart."
    assert lines[1] == result["summary"]
    ubr = [line for line in lines if line.startswith("ubr ")][0]
    assert ubr.split() == ["ubr", "DIFFERENT", "4349", "azl-01,", "azl-02,", "ws2025-01"]
    assert lines[lines.index(ubr) + 1].split() == ["4061", "azl-03"]
    assert lines[-1].startswith("Missing host down: no hyperv_host facts")
    assert result["differences"][0] == "ubr"
    assert result["fields"]["ubr"]["odd_hosts"] == ["azl-03"]  # the full comparison is returned too


def test_quiet_success_message_and_documents(task_vars):
    documents = {"a": {"build": 1}, "b": {"build": 1}}
    result = make_action({"documents": documents, "fields": "build", "quiet": True, "success_msg": "ok"}).run(
        task_vars={})
    assert result["msg"] == "ok"
    assert "_ansible_verbose_always" not in result
    assert result["table"][0] == result["summary"]
    assert result["table"][1].startswith("Own fields, compared ")
    assert len(result["table"]) == 2


def test_baseline_and_limits(task_vars):
    args = {"hosts": ["azl-01", "azl-02", "azl-03"], "fields": {"ubr": "ubr"}, "baseline": "azl-03",
            "max_hosts": 1}
    result = make_action(args).run(task_vars=task_vars)
    assert result["fields"]["ubr"]["odd_hosts"] == ["azl-01", "azl-02"]
    assert "azl-01 and 1 more" in result["msg"]


@pytest.mark.parametrize("args, message", [
    ({"profile": "kernal"}, "assert_identical: profile: unknown profile 'kernal'"),
    ({"fields": "x", "baseline": "nobody"}, "baseline: host 'nobody' is not among the compared hosts"),
    ({"fields": "x", "hosts": ["a"], "documents": {"a": {}}}, "mutually exclusive"),
    ({"fields": "x", "bogus": 1}, "Unsupported parameters"),
])
def test_bad_options_fail_clearly(task_vars, args, message):
    with pytest.raises(AnsibleActionFail) as exc:
        make_action(args).run(task_vars=task_vars)
    assert message in str(exc.value)


def test_without_play_context_it_asks_for_hosts():
    with pytest.raises(AnsibleActionFail, match="no hostvars or play hosts available"):
        make_action({"fields": "x"}).run(task_vars={})


def test_a_comparison_given_is_asserted_as_it_is(task_vars):
    """One verdict: the assertion takes the result the reports are rendered from and compares nothing again."""
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts

    comparison = compare_hosts(task_vars["hostvars"], ["azl-01", "azl-03", "down"], profile="kernel",
                               compared_at="2026-11-30T10:45:00Z")
    result = make_action({"comparison": comparison, "quiet": True, "notice": "SAMPLE DATA"}).run(task_vars={})
    assert result["failed"] is True
    assert result["summary"] == comparison["summary"] and result["compared_at"] == "2026-11-30T10:45:00Z"
    assert result["table"][0] == "NOTICE: SAMPLE DATA"
    assert result["table"][1] == comparison["summary"]
    assert result["msg"].splitlines()[-1].startswith("Missing host down: ")
    # a result that says identical passes, whatever the hosts hold now
    passing = dict(comparison, identical=True, summary="IDENTICAL: as computed.")
    assert make_action({"comparison": passing}).run(task_vars=task_vars)["msg"] == "IDENTICAL: as computed."


@pytest.mark.parametrize("args, message", [
    ({"comparison": {"identical": True}}, "comparison must be the result of hyperv.azlocal.compare_hosts"),
    ({"comparison": {}, "profile": "kernel", "allow_missing": True},
     "comparison is a result already computed; allow_missing, profile cannot change it"),
    ({"comparison": {}, "hosts": ["a"]}, "mutually exclusive"),
])
def test_a_comparison_given_with_compare_options_or_malformed_fails_clearly(args, message):
    with pytest.raises(AnsibleActionFail) as exc:
        make_action(args).run(task_vars={})
    assert message in str(exc.value)
