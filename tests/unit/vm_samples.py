"""Collector outputs derived from the recorded samples of tests/unit/data, for tests of host_facts with include_vms."""
import copy

# vm_info's probe names -> host_facts' (include_vms), as host_facts.ps1 adds them to its probe table.
AS_HOST_FACTS = {"host": "vm_host", "os_registry": "os_registry", "vms": "vms", "cluster_groups": "vm_cluster_groups"}


def as_host_facts(vm_output, base):
    """hyperv_host as host_facts with include_vms returns it, holding the observations of a vm_info collector run:
    the host's own probes from base, os_registry from the VM sample (vm_info reads the same probe), the VM probes
    under host_facts' names, the inventory under vm_inventory."""
    facts = copy.deepcopy(base)
    raw = copy.deepcopy(vm_output["_raw"])
    if "os_registry" in raw:
        facts["os_registry"] = raw.pop("os_registry")
    facts["vm_inventory"] = raw
    renamed = [dict(error, probe=AS_HOST_FACTS[error["probe"]]) for error in vm_output["errors"]]
    # os_registry is host_facts' first probe, the VM probes its last
    facts["errors"] = ([e for e in renamed if e["probe"] == "os_registry"]
                       + [e for e in facts["errors"] if e["probe"] != "os_registry"]
                       + [e for e in renamed if e["probe"] != "os_registry"])
    for probe, seconds in vm_output["durations"].items():
        facts["probe_durations"][AS_HOST_FACTS[probe]] = seconds
    facts["collected_at"] = vm_output["collected_at"]
    return facts
