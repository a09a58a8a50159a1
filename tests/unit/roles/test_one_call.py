"""The facts role reads a Windows Hyper-V host and its VMs with ONE module call (host_facts with include_vms), and
keeps hyperv_vms exactly as the vm_info module gave it before.

The Windows hosts use the test connection connection_plugins/hvazlocal_recorded.py: every module call goes through
Ansible's PowerShell exec wrapper payload to it, is counted, and is answered with a result recorded from the samples
of tests/unit/data (the VMs read by host_facts are those of the vm_info samples, converted as vm_samples.py says).
"""
import json
import os
import shutil
import subprocess
import sys

import pytest

from ..contract import ROOT
from ..vm_samples import as_host_facts

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "tests", "unit", "data")
DEMO = os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars")
VM_INCLUDE = ["integration_services", "network_adapters"]
# host -> (its host facts without VMs, the vm_info collector output for it, cluster id)
HOSTS = {
    "azl-node01": ("demo:azl-node01", "vm_info/azurelocal_node.json", "azl-cl01"),
    "azl-node02": ("demo:azl-node02", "vm_info/azurelocal_node.json", "azl-cl01"),
    "hv-standalone": ("host_facts/ws2025_datacenter_26100_4349.json", "vm_info/standalone_host_includes.json", None),
    "hv-denied": ("host_facts/ws2025_datacenter_26100_4349.json", "vm_info/access_denied.json", None),
    "ws-nohyperv": ("host_facts/ws2025_ec2_no_hyperv.json", "vm_info/no_hyperv.json", None),
}
HYPERV_HOSTS = ["azl-node01", "azl-node02", "hv-standalone", "hv-denied"]
LOST = "win-lost"
PLAY = """---
- name: Gather
  hosts: windows
  gather_facts: false
  roles:
    - role: hyperv.azlocal.facts
  post_tasks:
    - name: Save what the role left
      ansible.builtin.copy:
        content: "{{ {'hyperv_vms': hyperv_vms | default(none), 'hyperv_host': ansible_facts.hyperv_host | default(none),
                      'status': hyperv_facts_status} | to_json }}"
        dest: "{{ out_dir }}/{{ inventory_hostname }}.json"
        mode: "0644"
      delegate_to: localhost
"""


def _load(relative):
    if relative.startswith("demo:"):
        with open(os.path.join(DEMO, relative[5:] + ".json"), encoding="utf-8") as handle:
            return json.load(handle)["hyperv_demo_sample"]["hyperv_host"]
    with open(os.path.join(DATA, relative), encoding="utf-8") as handle:
        return json.load(handle)


def recorded_results():
    results = {LOST: {"unreachable": True}}
    cluster = _load("cluster_info/azurelocal_3node.json")
    for host, (base, vms, _cluster_id) in HOSTS.items():
        vm_output = _load(vms)
        if "integration_services" in vm_output["_raw"]:
            # host_facts and vm_info read only what facts_vm_include asks for
            vm_output["_raw"].pop("hard_drives", None)
        facts = _load(base)
        results[host] = {
            "host_facts": {"changed": False, "ansible_facts": {"hyperv_host": facts}},
            "host_facts+vms": {"changed": False, "ansible_facts": {"hyperv_host": as_host_facts(vm_output, facts)}},
            "vm_info": vm_output,
            "cluster_info": cluster,
        }
    return results


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("onecall")
    link = base / "collections" / "ansible_collections" / "hyperv" / "azlocal"
    link.parent.mkdir(parents=True)
    link.symlink_to(ROOT, target_is_directory=True)
    hosts = {host: ({"facts_cluster_id": cluster} if cluster else {}) for host, (_b, _v, cluster) in HOSTS.items()}
    hosts[LOST] = {}
    inventory = {"all": {"children": {"windows": {"hosts": hosts, "vars": {
        "ansible_connection": "hvazlocal_recorded", "ansible_shell_type": "powershell"}}},
        "hosts": {"localhost": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}
    (base / "inventory.json").write_text(json.dumps(inventory), encoding="utf-8")
    (base / "results.json").write_text(json.dumps(recorded_results()), encoding="utf-8")
    (base / "site.yml").write_text(PLAY, encoding="utf-8")
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")

    def run(name, cache, *extra):
        """Run site.yml with the fact cache folder cache; returns (rc, output, calls, {host: what the role left})."""
        folder = base / name
        shutil.rmtree(str(folder), ignore_errors=True)
        (folder / "out").mkdir(parents=True)
        env = {key: value for key, value in os.environ.items() if not key.startswith("ANSIBLE_")}
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": str(base / "collections"),
            "ANSIBLE_CONNECTION_PLUGINS": os.path.join(HERE, "connection_plugins"),
            "ANSIBLE_HOME": str(base / "ansible-home"),
            "ANSIBLE_LOCAL_TEMP": str(base / "ansible-tmp"),
            "ANSIBLE_CACHE_PLUGIN": "jsonfile",
            "ANSIBLE_CACHE_PLUGIN_CONNECTION": str(base / cache),
            "ANSIBLE_CACHE_PLUGIN_TIMEOUT": "0",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "HVAZL_RECORDED_RESULTS": str(base / "results.json"),
            "HVAZL_RECORDED_CALLS": str(folder / "calls.jsonl"),
        })
        proc = subprocess.run([playbook, "-i", str(base / "inventory.json"), str(base / "site.yml"),
                               "-e", "out_dir=%s" % (folder / "out"),
                               "-e", json.dumps({"facts_vm_include": VM_INCLUDE})] + list(extra),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, env=env,
                              cwd=str(base), timeout=600, check=False)
        calls = []
        if (folder / "calls.jsonl").exists():
            calls = [json.loads(line) for line in (folder / "calls.jsonl").read_text(encoding="utf-8").splitlines()]
        left = {}
        for entry in os.listdir(str(folder / "out")):
            left[entry[:-5]] = json.loads((folder / "out" / entry).read_text(encoding="utf-8"))
        return proc.returncode, proc.stdout, calls, left

    return run


def calls_by_host(calls):
    found = {}
    for call in calls:
        found.setdefault(call["host"], []).append(call["module"])
    return found


@pytest.fixture(scope="module")
def one_call(workspace):
    return workspace("one-call", "cache-one-call")


@pytest.fixture(scope="module")
def two_calls(workspace):
    """What the role gave before: host facts, then vm_info (host_facts left out, vm_info always)."""
    return workspace("two-calls", "cache-two-calls", "-e", "facts_host_facts=false", "-e", "facts_vm_info=always")


def test_one_module_call_per_windows_host(one_call):
    rc, out, calls, _left = one_call
    assert rc == 0, out[-3000:]
    # the host and its VMs in one call; the cluster once per cluster, as before (a standalone host is its own)
    assert calls_by_host(calls) == {
        "azl-node01": ["hyperv.azlocal.host_facts", "hyperv.azlocal.cluster_info"],
        "azl-node02": ["hyperv.azlocal.host_facts"],
        "hv-standalone": ["hyperv.azlocal.host_facts", "hyperv.azlocal.cluster_info"],
        "hv-denied": ["hyperv.azlocal.host_facts", "hyperv.azlocal.cluster_info"],
        "ws-nohyperv": ["hyperv.azlocal.host_facts"],
    }
    for call in calls:
        if call["module"] == "hyperv.azlocal.host_facts":
            assert call["args"]["include_vms"] is True and call["args"]["vm_include"] == VM_INCLUDE, call
    assert "win-lost" in out and "UNREACHABLE!" in out


def test_hyperv_vms_are_what_vm_info_gave(one_call, two_calls):
    rc, out, calls, before = two_calls
    assert rc == 0, out[-3000:]
    assert sorted(call["module"] for call in calls if call["host"] == "hv-denied") == ["hyperv.azlocal.vm_info"]
    _rc, _out, _calls, after = one_call
    for host in HYPERV_HOSTS:
        assert after[host]["hyperv_vms"] == before[host]["hyperv_vms"], host
        assert after[host]["status"]["documents"]["hyperv_vms"] == {"state": "gathered"}
    assert after["azl-node01"]["hyperv_vms"]["summary"]["resource_bridge"]["name"].endswith("-control-plane-0-d38498de")
    standalone = after["hv-standalone"]["hyperv_vms"]["vms"]
    assert standalone and all("network_adapters" in vm and "hard_drives" not in vm for vm in standalone)  # facts_vm_include
    denied = after["hv-denied"]["hyperv_vms"]
    assert denied["vms"] == [] and denied["host"]["reason"] == "access_denied"
    assert [error["probe"] for error in denied["errors"]] == ["vms"]


def test_host_facts_keep_their_shape_and_non_hyperv_hosts_get_no_vms(one_call):
    _rc, _out, _calls, after = one_call
    for host in HOSTS:
        facts = after[host]["hyperv_host"]
        assert "vm_inventory" not in facts and not {"vm_host", "vms", "vm_cluster_groups"} & set(facts["probe_durations"])
        assert not [error for error in facts["errors"] if error["probe"] in ("vm_host", "vms", "vm_cluster_groups")]
    assert after["ws-nohyperv"]["hyperv_vms"] is None
    assert after["ws-nohyperv"]["status"]["documents"]["hyperv_vms"] == {
        "state": "not_run", "message": "hyperv.azlocal.vm_info was not run (facts_vm_info auto)"}
    lost = after[LOST]["status"]
    assert lost["documents"]["hyperv_vms"]["state"] == lost["documents"]["hyperv_host"]["state"] == "unreachable"
    assert after[LOST]["hyperv_vms"] is None


def test_cached_facts_are_not_read_again(one_call, workspace):
    """facts_refresh false over the cache of the one-call run: no call at all; VMs not in the cache: one vm_info."""
    assert one_call[0] == 0
    rc, out, calls, left = workspace("cached", "cache-one-call")
    assert rc == 0, out[-3000:]
    assert calls == []
    for host in HYPERV_HOSTS:
        assert left[host]["status"]["documents"]["hyperv_vms"] == {"state": "cached"}
        assert left[host]["hyperv_vms"] == one_call[3][host]["hyperv_vms"]
    rc, out, _calls, _left = workspace("host-only", "cache-host-only", "-e", "facts_vm_info=never")
    assert rc == 0, out[-3000:]
    rc, out, calls, left = workspace("vms-later", "cache-host-only")
    assert rc == 0, out[-3000:]
    assert calls_by_host(calls) == {host: ["hyperv.azlocal.vm_info"] for host in HYPERV_HOSTS}
    for host in HYPERV_HOSTS:
        assert left[host]["hyperv_vms"] == one_call[3][host]["hyperv_vms"], host
