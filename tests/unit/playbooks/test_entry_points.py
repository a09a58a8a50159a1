"""The collection's entry points as a user runs them: built and installed from the tarball, run with
ansible-playbook from a working directory of the user's (not the checkout), Ansible's default callback.

Covers where relative paths land (the working directory for `ansible-playbook hyperv.azlocal.<name>`, next to
the user's playbook for the roles, never inside the installed collection; prove_kernel with unreachable hosts is
the quickstart gate's), host names that would leave the
snapshot folder, folder options given as lists, the README's module_defaults example, the demo without an
inventory, and drift with the guest profile.
"""
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from ansible.plugins.loader import cache_loader
from ansible_collections.hyperv.azlocal.plugins.modules import guest_facts

from ..contract import ROOT
from ..plugins.modules.test_guest_facts import make_tree, trees

BIN = os.path.dirname(sys.executable)
SAMPLES = os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars")


@pytest.fixture(name="installed", scope="module")
def installed_fixture(tmp_path_factory):
    """The collection built from this tree and installed from its tarball, as a user installs it."""
    base = tmp_path_factory.mktemp("installed")
    env = dict(os.environ, ANSIBLE_NOCOLOR="1")
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--force", "--output-path",
                    str(base / "build"), ROOT], check=True, capture_output=True, env=env)
    tarball = next((base / "build").glob("hyperv-azlocal-*.tar.gz"))
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--force", "-p",
                    str(base / "collections"), str(tarball)], check=True, capture_output=True, env=env)
    return str(base / "collections")


def tree_of(path):
    return sorted(os.path.relpath(os.path.join(d, f), path) for d, _dirs, files in os.walk(path) for f in files)


@pytest.fixture(name="play")
def play_fixture(installed, tmp_path):
    """play(args, cwd=...) runs ansible-playbook against the installed collection; asserts it left no file in it."""
    before = tree_of(installed)

    def run(args, cwd=None, env=None):
        environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=installed, ANSIBLE_NOCOLOR="1",
                           ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-tmp"), ANSIBLE_RETRY_FILES_ENABLED="0",
                           **(env or {}))
        environment.pop("ANSIBLE_CALLBACK_RESULT_FORMAT", None)
        result = subprocess.run([os.path.join(BIN, "ansible-playbook")] + args, cwd=str(cwd or tmp_path),
                                capture_output=True, text=True, env=environment, timeout=300, check=False)
        result.output = result.stdout + result.stderr
        return result

    yield run
    assert tree_of(installed) == before, "a playbook wrote into the installed collection"


def write(path, data):
    os.makedirs(os.path.dirname(str(path)), exist_ok=True)
    with open(str(path), "w", encoding="utf-8") as handle:
        handle.write(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return str(path)


def sample_facts(host):
    with open(os.path.join(SAMPLES, host + ".json"), encoding="utf-8") as handle:
        return json.load(handle)["hyperv_demo_sample"]["hyperv_host"]


def local_host():
    return {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}


# ------------------------------------------------------------------------------------ paths
# prove_kernel with a relative compare_report_dir from the installed tarball: the quickstart gate of tools/gates.sh.

def test_a_role_in_the_users_playbook_writes_next_to_that_playbook(play, tmp_path):
    project = tmp_path / "project"
    write(project / "inventory.yml", {"all": {"hosts": {
        "ws2025-hv01": {"hyperv_host": sample_facts("ws2025-hv01")},
        "azl-node01": {"hyperv_host": sample_facts("azl-node01")},
        "controller": local_host()}}})
    write(project / "site.yml", [{
        "name": "Compare", "hosts": "controller", "gather_facts": False,
        "roles": [{"role": "hyperv.azlocal.compare", "vars": {
            "compare_hosts": ["ws2025-hv01", "azl-node01"], "compare_report_dir": "reports"}}]}])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = play([str(project / "site.yml"), "-i", str(project / "inventory.yml")], cwd=elsewhere)
    assert result.returncode == 0, result.output
    assert (project / "reports" / "comparison.md").is_file()
    assert os.listdir(str(elsewhere)) == []
    # compare_base_dir moves the base, a relative compare_report_dir is then below it
    result = play([str(project / "site.yml"), "-i", str(project / "inventory.yml"),
                   "-e", "compare_base_dir=%s" % elsewhere], cwd=tmp_path)
    assert result.returncode == 0, result.output
    assert (elsewhere / "reports" / "comparison.json").is_file()


def test_folder_options_given_as_lists_or_dicts_are_refused(play, tmp_path):
    inventory = write(tmp_path / "inventory.yml", {"all": {"hosts": {"guest01": local_host()}}})
    result = play(["hyperv.azlocal.gather_facts", "-i", inventory, "-e", '{"facts_snapshot_dir": ["snapshots"]}'])
    assert result.returncode == 2, result.output
    assert 'facts_snapshot_dir must be a directory path (a string), got ["snapshots"]' in result.output
    result = play(["hyperv.azlocal.prove_kernel", "-i", inventory, "-e", '{"compare_report_dir": {"path": "r"}}'])
    assert result.returncode == 2, result.output
    assert 'compare_report_dir must be a directory path (a string), got {"path": "r"}' in result.output
    assert sorted(name for name in os.listdir(str(tmp_path)) if name != "ansible-tmp") == ["inventory.yml"]


def test_a_host_name_that_would_leave_the_snapshot_folder_is_refused(play, tmp_path):
    work = tmp_path / "a" / "b" / "work"
    hosts = {"../../escaped": local_host(), "guest01": local_host()}
    inventory = write(work / "inventory.yml", {"all": {"hosts": hosts}})
    result = play(["hyperv.azlocal.gather_facts", "-i", inventory, "-e", "facts_snapshot_dir=snapshots"], cwd=work)
    assert result.returncode == 2, result.output
    assert "host '../../escaped' cannot be saved as a snapshot: it contains a path separator" in result.output
    assert sorted(os.listdir(str(work / "snapshots"))) == ["guest01.json"]
    assert [path for path in tree_of(str(tmp_path)) if "escaped" in path] == []


# ------------------------------------------------------------------------------------ module_defaults

def test_the_readme_module_defaults_reach_a_collector_and_spare_the_compare_role(play, tmp_path):
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        example = re.search(r"`(module_defaults: \{group/.*?\}\})`", handle.read()).group(1)
    defaults = yaml.safe_load(example)["module_defaults"]
    write(tmp_path / "inventory.yml", {"all": {"hosts": {
        "ws2025-hv01": {"hyperv_host": sample_facts("ws2025-hv01")},
        "azl-node01": {"hyperv_host": sample_facts("azl-node01")},
        "controller": local_host()}}})
    write(tmp_path / "site.yml", [{
        "name": "Collectors and roles under the README's module_defaults", "hosts": "controller",
        "gather_facts": False, "module_defaults": defaults,
        "tasks": [
            {"name": "Run a collector", "hyperv.azlocal.guest_facts": None, "register": "collected",
             "vars": {"ansible_inject_invocation": True}},  # ansible-core 2.21+ returns invocation only when asked
            {"name": "The group default reached it", "ansible.builtin.assert": {
                "that": ["collected.invocation.module_args.probe_timeout == 60"]}},
            {"name": "Compare (assert_identical runs in fail mode)", "ansible.builtin.include_role": {
                "name": "hyperv.azlocal.compare"},
             "vars": {"compare_hosts": ["ws2025-hv01", "azl-node01"], "compare_mode": "fail"}},
        ]}])
    result = play([str(tmp_path / "site.yml"), "-i", str(tmp_path / "inventory.yml")])
    assert result.returncode == 0, result.output
    assert "Unsupported parameters" not in result.output


# ------------------------------------------------------------------------------------ demo

def test_the_demo_runs_from_an_installed_collection_without_an_inventory(play, tmp_path):
    result = play(["hyperv.azlocal.demo"], cwd=tmp_path)
    assert result.returncode == 0, result.output
    assert re.search(r"azl-node01 +: ok=\d+", result.output), result.output
    assert "Windows Server 2025 and Azure Local 26100.4349 run the same build" in result.output
    assert sorted(os.listdir(str(tmp_path / "hyperv-azlocal-demo"))) == [
        "comparison-junit.xml", "comparison.html", "comparison.json", "comparison.md"]


# ------------------------------------------------------------------------------------ drift, guest profile

def test_drift_of_a_hyperv_guest_with_the_guest_profile(play, tmp_path):
    """gather_facts saves a snapshot under the working directory, drift reads it back: same guest passes, a
    stopped KVP daemon fails. Facts come from a fake Hyper-V guest tree through a jsonfile fact cache, the way
    the facts role reuses cached facts."""
    facts, warnings = guest_facts.build_linux_facts(guest_facts.collect(make_tree(tmp_path / "root",
                                                                                  trees()["hyperv_gen2_onprem"])))
    assert warnings == []
    work = tmp_path / "work"
    inventory = write(work / "inventory.yml", {"all": {"hosts": {"web01": local_host()}}})
    cache = {"ANSIBLE_CACHE_PLUGIN": "jsonfile", "ANSIBLE_CACHE_PLUGIN_CONNECTION": str(tmp_path / "cache")}

    def seed(document):
        """Cache web01's facts as an earlier play would have, through Ansible's own jsonfile cache plugin."""
        cache_loader.get("ansible.builtin.jsonfile", _uri=cache["ANSIBLE_CACHE_PLUGIN_CONNECTION"]).set(
            "web01", {"hyperv_guest": document})

    seed(facts)
    result = play(["hyperv.azlocal.gather_facts", "-i", inventory, "-e", "facts_snapshot_dir=snapshots/2026-11"],
                  cwd=work, env=cache)
    assert result.returncode == 0, result.output
    with open(str(work / "snapshots" / "2026-11" / "web01.json"), encoding="utf-8") as handle:
        assert json.load(handle)["documents"]["hyperv_guest"]["host"]["name"] == "HV-NODE01"
    drift = ["hyperv.azlocal.drift", "-i", inventory, "-e", "drift_snapshot_dir=snapshots/2026-11",
             "-e", "drift_profile=guest"]
    result = play(drift, cwd=work, env=cache)
    assert result.returncode == 0, result.output
    facts["integration_services"]["hv_kvp_daemon"]["state"] = "not_running"
    seed(facts)
    result = play(drift, cwd=work, env=cache)
    assert result.returncode == 2, result.output
    assert "integration_services" in result.output
