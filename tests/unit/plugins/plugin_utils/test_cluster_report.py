"""cluster_report: the Markdown view of cluster_info (and vm_info) results, built from the real interpretation
of the recorded collector samples in tests/unit/data."""
import json
import os

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.filter.cluster_report import FilterModule, cluster_report
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._cluster import build_cluster_info
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._cluster_report import render_cluster_markdown
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._vms import build_vm_info

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "data")


def _recorded(kind, name):
    with open(os.path.join(DATA, kind, name + ".json"), encoding="utf-8") as handle:
        return json.load(handle)


def _cluster(name, **kwargs):
    recorded = _recorded("cluster_info", name)
    return build_cluster_info(recorded["_raw"], errors=recorded.get("errors"), **kwargs)


def _vms(name):
    recorded = _recorded("vm_info", name)
    return build_vm_info(recorded["_raw"], errors=recorded.get("errors"))


def _section(text, heading):
    """The lines of one '## heading' section."""
    lines = text.splitlines()
    start = lines.index("## " + heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start + 1:end]


def test_azure_local_cluster_shows_services_bridge_and_volume():
    info = _cluster("azurelocal_3node")
    text = render_cluster_markdown(info, vms=_vms("azurelocal_node"))
    assert text.startswith("# Cluster %s (Azure Local)" % info["cluster"]["fqdn"])
    services = _section(text, "Azure Local services")
    for service in info["azure_local"]["services"]:
        row = next(line for line in services if line.startswith("| %s |" % service["service"].replace("_", "\\_")))
        assert "| %s |" % service["state"] in row
    bridge = _section(text, "Arc resource bridge")
    group = info["azure_local"]["resource_bridge"]["group"]
    assert any("`%s`" % group in line for line in bridge)
    assert "VM: `c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de`" in bridge
    assert not any("my-cluster-control-plane" in line for line in bridge), "an AKS control plane is not the bridge"
    assert any("Infrastructure" in line and "% free" in line for line in _section(text, "Infrastructure volume"))
    groups = _section(text, "Cluster roles (groups)")
    assert len([line for line in groups if line.startswith("| ") and "---" not in line]) == len(info["groups"]) + 1


def test_mixed_builds_name_the_odd_node():
    info = _cluster("mixed_builds_upgrade")
    text = render_cluster_markdown(info)
    assert "Node OS builds: **NOT consistent**." in text
    assert info["node_os"]["message"].split(":")[0] in text
    odd = info["node_os"]["differing_nodes"]
    assert odd
    rows = [line for line in _section(text, "Nodes") if line.startswith("| ") and "---" not in line][1:]
    assert {row.split("|")[1].strip() for row in rows} == {node["name"] for node in info["nodes"]}


def test_plain_windows_server_cluster_has_no_azure_local_sections():
    text = render_cluster_markdown(_cluster("windows_server_cluster"))
    assert "(Windows Server failover cluster)" in text.splitlines()[0]
    assert "## Azure Local services" not in text
    assert "## Arc resource bridge" not in text


def test_no_cluster_says_why():
    info = _cluster("standalone_host")
    assert info["cluster"] is None
    text = render_cluster_markdown(info)
    assert text.startswith("# No cluster")
    assert info["reason"].replace("_", "\\_") in text


@pytest.mark.parametrize("data, vms, message", [
    ("not a dict", None, "expects a cluster_info result"),
    ({"cluster": "x"}, None, "'cluster' is str"),
    ({"cluster": {"name": "c"}, "nodes": {}}, None, "'nodes' is dict"),
    ({"cluster": {"name": "c"}, "azure_local": {"detected": True, "resource_bridge": {"group": "g"}}}, 42, "vms must be"),
    ({"cluster": {"name": "c"}, "azure_local": {"detected": True, "resource_bridge": {"group": "g"}}}, [{"vms": 1}], "vms[0]"),
])
def test_bad_input_is_named(data, vms, message):
    with pytest.raises(AnsibleFilterError, match=message.replace("[", r"\[").replace("]", r"\]")):
        cluster_report(data, vms)


def test_vm_results_by_host_and_filter_registration():
    info = _cluster("azurelocal_3node")
    by_host = {"node01": _vms("azurelocal_node"), "node02": {"vms": []}}
    assert "VM: `c8bf39ad" in cluster_report(info, by_host)
    assert "VM: `c8bf39ad" in cluster_report(info, [_vms("azurelocal_node")])
    assert FilterModule().filters()["cluster_report"] is cluster_report


def test_node_os_with_too_little_data_prints_unknown():
    info = _cluster("azurelocal_3node")
    info["node_os"] = dict(info["node_os"], consistent=None, verdict="unknown",
                           message="Too little data to tell: no OS build is known for v-Host3.")
    text = render_cluster_markdown(info)
    assert "Node OS builds: unknown. Too little data to tell" in text and "NOT consistent" not in text


def test_a_candidate_bridge_group_is_not_called_the_bridge():
    recorded = _recorded("cluster_info", "azurelocal_3node")
    raw = recorded["_raw"]
    raw["prerequisites"]["LocalOs"] = None  # no registry evidence
    raw["groups"] = [g for g in raw["groups"] if "Service Cluster Group" not in g["Name"]]  # no 23H2 service groups
    info = build_cluster_info(raw)
    assert info["azure_local"]["resource_bridge"] is None
    section = _section(render_cluster_markdown(info), "Arc resource bridge")
    assert "candidate: `c8bf39ad" in "\n".join(_section(render_cluster_markdown(info), "Azure Local services"))
    assert section[1].startswith("Not decided: `c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de` could be "
                                 "the resource bridge, but the platform evidence names no platform")


def test_host_supplied_strings_cannot_break_rows_or_reorder_text():
    """Node, group and volume names come from the cluster: a newline, NEL, U+2028 or a bidi override in them stays
    inside its cell, shown as a visible escape."""
    info = _cluster("azurelocal_3node")
    forged = "NODE\n| injected | row |\x85\u2028x\u202eevil"
    info["nodes"][0]["name"] = forged
    info["groups"][0]["name"] = forged
    info["groups"][0]["owner_node"] = "owner\r\n# heading"
    info["azure_local"]["infrastructure_volume"]["path"] = "C:\\ClusterStorage\\Infra\u2066structure\u2069\n"
    clean = render_cluster_markdown(_cluster("azurelocal_3node"))
    text = render_cluster_markdown(info)
    for char in ("\r", "\x85", "\u2028", "\u202e", "\u2066", "\u2069"):
        assert char not in text, repr(char)
    assert len(text.splitlines()) == len(clean.splitlines())
    # shown as escapes (the backslash itself escaped for Markdown), pipes escaped so the row keeps its cells
    assert "| NODE\\\\x0a\\| injected \\| row \\|\\\\x85\\\\u2028x\\\\u202eevil | Up |" in text
    assert "| owner\\\\x0d\\\\x0a# heading |" in text
