# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Render a cluster_info result (and optionally vm_info results) as Markdown. PRIVATE to the collection.

What Failover Cluster Manager and Hyper-V Manager show an administrator, as text: the nodes with their OS
version and the build check, Azure Local's own services, the Arc resource bridge (cluster group and VM), the
infrastructure volume, and the cluster groups by role. Only formatting: every decision comes from _cluster.py
and _vms.py, whose results this reads.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._report import md_code, md_text

_MISSING = "(unknown)"


def _text(value):
    return _MISSING if value is None or value == "" else str(value)


def _cell(value):
    return md_text(_text(value))


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(["---"] * len(header)) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _require(info, key, kind, where):
    value = info.get(key)
    if value is not None and not isinstance(value, kind):
        raise TypeError("cluster_report%s: '%s' is %s, expected %s" % (where, key, type(value).__name__, kind.__name__))
    return value


def _vm_results(vms):
    """vm_info results -> list of VM dicts (a single result, a list of them or a dict host -> result)."""
    if vms is None:
        return []
    if isinstance(vms, Mapping) and "vms" in vms:
        vms = [vms]
    elif isinstance(vms, Mapping):
        vms = list(vms.values())
    if not isinstance(vms, list):
        raise TypeError("cluster_report: vms must be a vm_info result, a list of them or a dict host -> result, got %s"
                        % type(vms).__name__)
    found = []
    for index, result in enumerate(vms):
        if not isinstance(result, Mapping) or not isinstance(result.get("vms", []), list):
            raise TypeError("cluster_report: vms[%d] is not a vm_info result (a dict with a 'vms' list)" % index)
        found.extend(vm for vm in result.get("vms", []) if isinstance(vm, Mapping))
    return found


def render_cluster_markdown(info, vms=None, host=None):
    """Markdown text for a cluster_info result; vms adds the VM names behind the resource bridge group."""
    where = " (host %s)" % host if host else ""
    if not isinstance(info, Mapping):
        raise TypeError("cluster_report%s expects a cluster_info result (a dict), got %s" % (where, type(info).__name__))
    cluster = _require(info, "cluster", Mapping, where)
    if cluster is None:
        reason = info.get("reason") or "no cluster data"
        return "# No cluster\n\n%s: %s\n" % (md_text(str(reason)), md_text(_text(info.get("message"))))
    azure_local = _require(info, "azure_local", Mapping, where) or {}
    node_os = _require(info, "node_os", Mapping, where) or {}
    flavour = "Azure Local" if azure_local.get("detected") else "Windows Server failover cluster"
    lines = ["# Cluster %s (%s)" % (md_text(_text(cluster.get("fqdn") or cluster.get("name"))), flavour), ""]

    versions = {str(n.get("name")).lower(): n for n in node_os.get("nodes") or [] if isinstance(n, Mapping)}
    node_rows = []
    for node in _require(info, "nodes", list, where) or []:
        seen = versions.get(str(node.get("name")).lower(), {})
        node_rows.append([_cell(node.get("name")), _cell(node.get("state")), _cell(node.get("drain_status")),
                          md_code(_text(seen.get("version") or node.get("os_version")))])
    lines.extend(["## Nodes", ""] + _table(["Node", "State", "Drain status", "OS version"], node_rows) + [""])
    if node_os:
        consistent = node_os.get("consistent")
        # None is "too little data to tell", never a verdict either way.
        verdict = "consistent" if consistent is True else "**NOT consistent**" if consistent is False else "unknown"
        message = node_os.get("message")
        lines.append("Node OS builds: %s.%s" % (verdict, " " + md_text(str(message)) if message else ""))
        lines.append("")

    services = (azure_local.get("services") or []) if azure_local.get("detected") else []
    if services:
        candidates = azure_local.get("resource_bridge_candidates") or []

        def _group_cell(service):
            if service.get("present"):
                return _cell(service.get("group"))
            if service.get("service") == "arc_resource_bridge" and candidates:
                return "candidate: %s" % ", ".join(md_code(str(name)) for name in candidates)
            return "**missing**"

        rows = [[_cell(s.get("service")), _group_cell(s), _cell(s.get("state")), _cell(s.get("owner_node"))]
                for s in services if isinstance(s, Mapping)]
        lines.extend(["## Azure Local services", ""] + _table(["Service", "Cluster group", "State", "Owner node"], rows) + [""])

    bridge = azure_local.get("resource_bridge")
    if isinstance(bridge, Mapping):
        names = sorted({str(vm.get("name")) for vm in _vm_results(vms) if vm.get("role") == "arc_resource_bridge"})
        where_text = "Cluster group %s, %s, on %s." % (
            md_code(_text(bridge.get("group"))), md_text(_text(bridge.get("state"))), md_text(_text(bridge.get("owner_node"))))
        lines.extend(["## Arc resource bridge", "", where_text, ""])
        if names:
            lines.extend(["VM: %s" % ", ".join(md_code(name) for name in names), ""])
    elif azure_local.get("resource_bridge_candidates"):
        reason = (azure_local.get("appliance") or {}).get("reason")
        lines.extend(["## Arc resource bridge", "",
                      "Not decided: %s could be the resource bridge, but %s." % (
                          ", ".join(md_code(str(name)) for name in azure_local["resource_bridge_candidates"]),
                          md_text(_text(reason))), ""])
    elif azure_local.get("detected"):
        lines.extend(["## Arc resource bridge", "", "No resource bridge cluster group was found.", ""])

    volume = azure_local.get("infrastructure_volume")
    if isinstance(volume, Mapping):
        lines.extend(["## Infrastructure volume", "",
                      "%s at %s, %s, %s %% free." % (md_text(_text(volume.get("name"))), md_code(_text(volume.get("path"))),
                                                     md_text(_text(volume.get("state"))), md_text(_text(volume.get("percent_free")))),
                      ""])

    group_rows = [[_cell(g.get("name")), _cell(g.get("role")), _cell(g.get("state")), _cell(g.get("owner_node"))]
                  for g in _require(info, "groups", list, where) or [] if isinstance(g, Mapping)]
    lines.extend(["## Cluster roles (groups)", ""] + _table(["Group", "Role", "State", "Owner node"], group_rows) + [""])
    return "\n".join(lines)
