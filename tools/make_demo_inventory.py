"""Write the demo inventory's SAMPLE host data from the unit-test samples, through the real interpretation.

Usage: python tools/make_demo_inventory.py      (from the repository root; rewrites playbooks/inventory/demo/host_vars/*.json)

Each demo Windows host gets one variable, `hyperv_demo_sample`, holding what the hyperv.azlocal.facts role would
have stored after gathering: the raw `hyperv_host` facts (tests/unit/data/host_facts), and for Hyper-V hosts the
vm_info and cluster_info results, computed here by the same plugin_utils functions the action plugins call. Every
document keeps the sample's `collected_at` (a SAMPLE time, like the rest), and `notice` says that all of it is
SAMPLE data; the demo passes that notice to the comparison reports.
The demo playbook loads them as facts before it runs the roles. A unit test checks that the committed files are
exactly what this script writes, so the demo can never drift from the interpretation it shows.
"""
import copy
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(ROOT, "tests", "unit", "data")
OUT = os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars")
NOTICE = ("SAMPLE DATA for the hyperv.azlocal demo: built from the collection's test samples "
          "(tests/unit/data), not gathered from a real host. Hashes are sample values.")

# demo host -> (host_facts sample, computer name, vm_info sample, cluster_info sample)
HOSTS = {
    "ws2025-hv01": ("ws2025_datacenter_26100_4349", "WS25-HV01", "standalone_host_includes", "standalone_host"),
    "azl-node01": ("azurelocal_2506_26100_4349", "AZL-NODE01", "azurelocal_node", "azurelocal_3node"),
    "azl-node02": ("azurelocal_2506_26100_4349", "AZL-NODE02", "azurelocal_node", "azurelocal_3node"),
    "azl-node03": ("azurelocal_2505_26100_4061", "AZL-NODE03", "azurelocal_node", "azurelocal_3node"),
}
# the sample cluster's node names (from the public Update Service capture) -> demo node names
RENAME = {"v-host1": "AZL-NODE01", "v-host2": "AZL-NODE02", "v-host3": "AZL-NODE03", "hv-standalone": "WS25-HV01"}
RENAME_RE = re.compile("|".join(re.escape(name) for name in RENAME), re.IGNORECASE)


def _load(*parts):
    with open(os.path.join(DATA, *parts), encoding="utf-8") as handle:
        return json.load(handle)


def _renamed(document):
    text = RENAME_RE.sub(lambda match: RENAME[match.group(0).lower()], json.dumps(document))
    return json.loads(text)


def _host_facts(sample, computer_name):
    facts = copy.deepcopy(_load("host_facts", sample + ".json"))
    system = facts["hardware"]["computer_system"]
    system["name"] = computer_name
    system["dns_host_name"] = computer_name.lower()
    return facts


def build(plugin_utils):
    """demo host -> host_vars document. plugin_utils: (build_vm_info, build_cluster_info)."""
    build_vm_info, build_cluster_info = plugin_utils
    facts = {host: _host_facts(sample, name) for host, (sample, name, _vm, _cl) in HOSTS.items()}
    out = {}
    for host, (_sample, name, vm_sample, cluster_sample) in HOSTS.items():
        sample = {"notice": NOTICE, "hyperv_host": facts[host]}
        if vm_sample:
            recorded = _renamed(_load("vm_info", vm_sample + ".json"))
            # Get-VM on a node lists the VMs that run there: keep this node's share of the sample.
            raw = recorded["_raw"]
            raw["vms"] = [vm for vm in raw["vms"] if vm.get("ComputerName", name) == name]
            raw["host"]["ComputerName"] = name
            sample["hyperv_vms"] = dict(build_vm_info(recorded["_raw"], errors=recorded.get("errors"), host=host),
                                        errors=recorded.get("errors", []), durations=recorded.get("durations", {}),
                                        collected_at=recorded["collected_at"])
        if cluster_sample:
            recorded = _renamed(_load("cluster_info", cluster_sample + ".json"))
            # node_facts: every demo node's raw host facts, so the node OS check compares down to the UBR.
            node_facts = {HOSTS[h][1]: facts[h] for h in HOSTS if HOSTS[h][3] == cluster_sample}
            sample["hyperv_cluster"] = dict(build_cluster_info(recorded["_raw"], errors=recorded.get("errors"),
                                                               node_facts=node_facts, host=host),
                                            errors=recorded.get("errors", []), durations=recorded.get("durations", {}),
                                            collected_at=recorded["collected_at"])
        out[host] = {"hyperv_demo_sample": sample}
    return out


def render(document):
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _plugin_utils():
    collections = os.path.join(ROOT, "collections")
    if not os.path.isdir(os.path.join(collections, "ansible_collections", "hyperv", "azlocal")):
        os.makedirs(os.path.join(collections, "ansible_collections", "hyperv"), exist_ok=True)
        os.symlink(ROOT, os.path.join(collections, "ansible_collections", "hyperv", "azlocal"))
    sys.path.insert(0, collections)
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._cluster import build_cluster_info  # pylint: disable=import-error
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._vms import build_vm_info  # pylint: disable=import-error

    return build_vm_info, build_cluster_info


def main():
    for host, document in build(_plugin_utils()).items():
        with open(os.path.join(OUT, host + ".json"), "w", encoding="utf-8") as handle:
            handle.write(render(document))
        print("wrote playbooks/inventory/demo/host_vars/%s.json" % host)
    return 0


if __name__ == "__main__":
    sys.exit(main())
