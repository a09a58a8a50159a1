# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cluster_summary
short_description: Recognise Azure Local services and mixed node builds in failover-cluster data you already have
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Interprets failover-cluster data collected any way, with the same code as the action of
    M(hyperv.azlocal.cluster_info) - every group and resource gets a C(role) (C(core), C(available_storage),
    C(storage), C(virtual_machine), C(arc_resource_bridge), C(azure_local_service), C(moc), C(sdn), C(other)),
    C(azure_local) says which Azure Local services exist and are online, and C(node_os) checks that all nodes
    run the same OS build.
  - Accepts the JSON of C(Get-ClusterGroup | ConvertTo-Json), C(Get-ClusterNode | ConvertTo-Json),
    C(Get-ClusterResource | ConvertTo-Json) (PascalCase, enums as numbers or names, one object or a list; as
    parsed data, as the C(output) of ansible.windows.win_powershell, or as text) - a list is recognised as
    groups, nodes, resources or shared volumes by its properties - or a dict with any of C(cluster), C(nodes),
    C(groups), C(resources), C(shared_volumes), C(networks), C(quorum) (the raw data of the cluster_info
    collector, or a M(hyperv.azlocal.cluster_info) result).
  - Also accepts the tables the cmdlets print (for example C(Get-ClusterGroup) with only Name, OwnerNode and
    State); groups are then recognised by name (C(Cluster Group) and C(SDDC Group) are core, C(Available Storage)
    is available_storage and Offline is its normal state). Azure Local services are reported missing only when
    the listing is complete (it holds C(Cluster Group)); a filtered listing reports nothing missing.
  - "The platform rule: a group named C(<GUID>-control-plane-0-<8 hex>) is the Arc resource bridge on Azure Local
    23H2 and later (told by the Azure Local service groups, or by O(node_facts) identities), the AKS management
    cluster's control plane on AKS hybrid; without platform evidence it is a C(resource_bridge_candidate)."
  - Enum numbers are those of the Failover Clustering API (CLUSTER_GROUP_STATE 0 Online, 1 Offline, 2 Failed,
    3 PartialOnline, 4 Pending; CLUSGROUP_TYPE 1 Cluster, 2 AvailableStorage, 111 VirtualMachine ...;
    CLUSTER_NODE_STATE 0 Up, 1 Down, 2 Paused, 3 Joining; CLUSTER_RESOURCE_STATE 2 Online, 3 Offline, 4 Failed).
positional: _input
options:
  _input:
    description: Cluster groups (or nodes, or resources), or a dict of several kinds, or JSON text of either.
    type: raw
    required: true
  nodes:
    description: C(Get-ClusterNode) objects (or the table it prints), when O(_input) holds the groups.
    type: raw
  resources:
    description: C(Get-ClusterResource) objects (or the table it prints), when O(_input) holds the groups.
    type: raw
  shared_volumes:
    description: C(Get-ClusterSharedVolume) objects (depth 4 or more, so C(SharedVolumeInfo.Partition) is kept).
    type: raw
  node_facts:
    description: Full node versions for the UBR comparison, as the O(hyperv.azlocal.cluster_info#module:node_facts)
      option of M(hyperv.azlocal.cluster_info) takes them; host_identity results or C(hyperv_host) facts also tell
      the nodes' platform for the platform rule.
    type: raw
seealso:
  - module: hyperv.azlocal.cluster_info
  - plugin: hyperv.azlocal.classify_vms
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Read groups and nodes the way many playbooks already do
  ansible.windows.win_powershell:
    script: |
      [PSCustomObject]@{
        groups = @(Get-ClusterGroup | Select-Object Name, State, GroupType, OwnerNode, IsCoreGroup, Priority)
        nodes = @(Get-ClusterNode | Select-Object Name, State, MajorVersion, MinorVersion, BuildNumber)
      }
    depth: 4
  register: raw_cluster
  run_once: true

- name: Which Azure Local services are not online, and which node runs a different build
  ansible.builtin.debug:
    msg:
      offline: "{{ summary.azure_local.offline_services }}"
      odd_nodes: "{{ summary.node_os.differing_nodes }}"
  vars:
    summary: "{{ raw_cluster.output[0] | hyperv.azlocal.cluster_summary }}"

- name: Add the UBR of every node, printed by Microsoft's per-node registry one-liner
  ansible.builtin.set_fact:
    node_os: "{{ (raw_cluster.output[0] | hyperv.azlocal.cluster_summary(node_facts=ubr_lines.stdout)).node_os }}"
"""

RETURN = r"""
_value:
  returned: always
  description:
    - The keys of a M(hyperv.azlocal.cluster_info) result (C(cluster), C(reason), C(message), C(local_node), C(local_os), C(nodes),
      C(groups), C(resources), C(shared_volumes), C(networks), C(quorum), C(azure_local), C(node_os), C(summary)) for
      whatever the input holds; C(cluster) is null unless the input has it, C(node_os) is null without nodes.
  type: dict
  sample: {"groups": [{"name": "Azure Stack HCI Update Service Cluster Group", "state": "Online", "role": "azure_local_service",
                       "service": "update"}],
           "azure_local": {"detected": true, "offline_services": []}, "node_os": null}
"""

from ansible.errors import AnsibleFilterError

from ..plugin_utils._cluster import cluster_summary as _cluster_summary


def cluster_summary(data, nodes=None, resources=None, shared_volumes=None, node_facts=None):
    """The interpreted cluster document; see DOCUMENTATION."""
    try:
        return _cluster_summary(data, nodes=nodes, resources=resources, shared_volumes=shared_volumes, node_facts=node_facts)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("cluster_summary: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.cluster_summary"""

    def filters(self):
        return {"cluster_summary": cluster_summary}
