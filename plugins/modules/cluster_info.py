#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: cluster_info
short_description: Read a failover cluster from one node and recognise Azure Local's own services
version_added: 0.1.0
description:
  - Reads the failover cluster the target node belongs to, from that node only (no remoting to the other nodes,
    so no Kerberos double hop) - the cluster, nodes (C(Get-ClusterNode)), groups, resources, cluster shared
    volumes, networks and quorum, one bulk query each, read-only.
  - Gives every group and resource a C(role) (C(core), C(available_storage), C(storage),
    C(virtual_machine), C(arc_resource_bridge), C(azure_local_service), C(moc), C(sdn), C(other)) from a
    documented table of names and patterns with their sources (see C(docs/vm_cluster.md) in the collection).
  - Summarises Azure Local (RV(azure_local)) - which of its services (Cloud Management, Orchestrator, Update,
    Download, Health, the MOC cloud agent C(ca-<GUID>), the Arc resource bridge) exist and are online, the
    resource bridge group, the infrastructure volume C(Infrastructure_1) - and checks that every node runs the
    same OS build (RV(node_os)), the check behind Azure Local's update error "Found different OS build number
    between cluster nodes".
  - On a host that is not a cluster node, or when the cluster cannot be read, returns RV(cluster=null) with a
    RV(reason) and a RV(message) that says what to fix (or fails with that message when O(require_cluster=true)).
  - The PowerShell collector only reads; the action plugin of the same name interprets on the controller, with
    the same code as the P(hyperv.azlocal.cluster_summary#filter) filter.
options:
  require_cluster:
    description:
      - Fail the task, with the message that says what to fix, when the node cannot give cluster data (not a
        cluster node, Cluster service stopped, FailoverClusters module missing, access denied).
      - By default such a node returns RV(cluster=null) and RV(reason).
    type: bool
    default: false
  node_facts:
    description:
      - The full OS version of other nodes, so RV(node_os) can compare the UBR too. C(Get-ClusterNode) reports
        major.minor.build for every node but the UBR (the revision Azure Local compares) only comes from each
        node's registry; this module reads it for the node it runs on.
      - "A dict node name -> version text (C(10.0.25398.1128)), the output of P(hyperv.azlocal.host_identity#filter),
        or the C(hyperv_host) facts of M(hyperv.azlocal.host_facts); or the text printed by the per-node registry
        one-liner of Microsoft's troubleshooting guide (lines C(NODE1: 10.0.25398.1085))."
      - Node names match case-insensitively on the short name. Used on the controller only, never sent to the host.
      - A node given as a host_identity result or as C(hyperv_host) facts also tells the platform, which decides
        what the C(<GUID>-control-plane-0-<8 hex>) group is (see RV(azure_local.appliance)).
    type: raw
extends_documentation_fragment:
  - hyperv.azlocal.probe
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
attributes:
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  check_mode:
    support: full
  diff_mode:
    support: none
  platform:
    support: full
    platforms: windows
notes:
  - The account needs read access to the cluster (a local Administrator on the node normally has it).
  - Run it against any one node; every node reports the same cluster. To compare all nodes' full versions, run
    M(hyperv.azlocal.host_facts) on every node and pass the results as O(node_facts), or compare the nodes with
    P(hyperv.azlocal.compare_hosts#filter).
  - Group names are matched case-insensitively. Azure Local service groups are also recognised under an
    C(Azure Local) prefix instead of C(Azure Stack HCI), in case a later release renames them (an assumption, no
    release has done so yet).
seealso:
  - module: hyperv.azlocal.vm_info
  - plugin: hyperv.azlocal.cluster_summary
    plugin_type: filter
author:
  - hyperv.azlocal contributors (@hyperv-azlocal)
"""

EXAMPLES = r"""
- name: Read the cluster from the first node
  hyperv.azlocal.cluster_info:
  register: cluster
  run_once: true

- name: Stop when an Azure Local service is down or the nodes run different builds
  ansible.builtin.assert:
    that:
      - cluster.azure_local.offline_services == []
      - cluster.node_os.consistent
    fail_msg: "{{ cluster.node_os.message | default('Azure Local services offline: ' ~ cluster.azure_local.offline_services) }}"
  run_once: true

- name: Compare full versions (with UBR) using host_facts gathered on every node
  hyperv.azlocal.cluster_info:
    node_facts: "{{ dict(groups['cluster'] | zip(groups['cluster'] | map('extract', hostvars, ['ansible_facts', 'hyperv_host']))) }}"
    require_cluster: true
  register: cluster
  run_once: true
"""

RETURN = r"""
cluster:
  description: The cluster, or null when the node could not give it (see RV(reason)).
  returned: always
  type: dict
  sample: {"name": "AZL-CL01", "domain": "contoso.local", "functional_level": 12, "s2d_enabled": true}
  contains:
    name:
      description: Cluster name.
      returned: success
      type: str
      sample: AZL-CL01
    id:
      description: Cluster ID.
      returned: success
      type: str
      sample: 0d4a3a55-8a9e-4c67-b0d5-2f1c3e4d5a6b
    domain:
      description: Active Directory domain.
      returned: success
      type: str
      sample: contoso.local
    fqdn:
      description: Name and domain.
      returned: success
      type: str
      sample: AZL-CL01.contoso.local
    functional_level:
      description: ClusterFunctionalLevel (lower than RV(cluster.upgrade_version) during a rolling OS upgrade).
      returned: success
      type: int
      sample: 12
    upgrade_version:
      description: ClusterUpgradeVersion.
      returned: success
      type: int
      sample: 12
    s2d_enabled:
      description: Whether Storage Spaces Direct is enabled.
      returned: success
      type: bool
      sample: true
    shared_volumes_root:
      description: Root folder of the cluster shared volumes.
      returned: success
      type: str
      sample: C:\ClusterStorage
reason:
  description:
    - Why there is no cluster data, else null. C(not_cluster_node), C(cluster_service_not_running),
      C(failover_clusters_module_missing), C(access_denied), C(cluster_query_failed), C(prerequisites_failed).
  returned: always
  type: str
  sample: null
message:
  description: The reason in words, naming the host and what to fix; null when the cluster was read.
  returned: always
  type: str
  sample: null
local_node:
  description: The node the module ran on.
  returned: always
  type: str
  sample: NODE01
local_os:
  description:
    - The OS version of the node the module ran on, from its registry (C(build), C(ubr), C(major), C(minor),
      C(edition_id), C(product_name), C(display_version)); null when the node could not be read.
  returned: always
  type: dict
  sample: {"build": 26100, "ubr": 4349, "major": 10, "minor": 0, "edition_id": "ServerAzureStackHCICor",
           "product_name": "Azure Stack HCI", "display_version": "24H2"}
nodes:
  description: Cluster nodes (C(name), C(id), C(state), C(drain_status), C(major_version), C(minor_version),
    C(build_number), C(os_version), C(fault_domain), C(manufacturer), C(model), C(serial_number), C(node_weight),
    C(dynamic_weight)).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "NODE01", "state": "Up", "drain_status": "NotInitiated", "os_version": "10.0.26100",
            "manufacturer": "Contoso", "model": "HCI-2U"}]
groups:
  description:
    - Cluster groups (C(name), C(id), C(group_type), C(state), C(owner_node), C(priority), C(is_core)) with
      C(role), C(service) (the Azure Local service, C(aks_control_plane), C(network_controller) ... or null),
      C(rule) (the id of the rule that matched) and C(rule_source) (where its name or pattern comes from).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "Azure Stack HCI Update Service Cluster Group", "state": "Online", "owner_node": "NODE01",
            "role": "azure_local_service", "service": "update", "rule": "update"}]
resources:
  description: Cluster resources (C(name), C(id), C(resource_type), C(state), C(owner_group), C(owner_node), C(is_core))
    with C(role), C(service), C(rule), C(rule_source); a resource without a rule of its own takes its group's role.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "MOC Cloud Agent Service", "resource_type": "Generic Service", "state": "Online", "role": "moc"}]
shared_volumes:
  description: Cluster shared volumes (C(name), C(id), C(state), C(owner_node), C(path), C(size_bytes), C(free_bytes),
    C(percent_free), C(maintenance_mode), C(redirected_access), C(is_infrastructure)).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "Cluster Virtual Disk (Infrastructure_1)", "path": "C:\\ClusterStorage\\Infrastructure_1",
            "is_infrastructure": true}]
networks:
  description: Cluster networks (C(name), C(id), C(role), C(state), C(address), C(address_mask), C(metric)).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "Cluster Network 1", "role": "ClusterAndClient", "state": "Up", "address": "10.0.0.0"}]
quorum:
  description: Quorum (C(type), C(resource), C(resource_type), C(witness) one of C(cloud), C(file_share), C(disk),
    C(other), C(none)), or null.
  returned: always
  type: dict
  sample: {"type": "Majority", "resource": "Cloud Witness", "resource_type": "Cloud Witness", "witness": "cloud"}
azure_local:
  description: What Azure Local adds to the cluster; null when there is no cluster data.
  returned: always
  type: dict
  sample: {"detected": true, "missing_services": [], "offline_services": [], "sdn": {"enabled": false, "groups": []}}
  contains:
    detected:
      description: Whether this is an Azure Local cluster (see RV(azure_local.evidence)).
      returned: success
      type: bool
      sample: true
    evidence:
      description: Why it is taken for Azure Local (the local node's EditionID or ProductName, Azure Local service groups).
      returned: success
      type: list
      elements: str
      sample: ["local node EditionID ServerAzureStackHCICor", "cluster group Cloud Management (cloud_management)"]
    services:
      description:
        - One entry per Azure Local service (C(service), C(display), C(present), C(group), C(state), C(online),
          C(owner_node), C(expected), C(source)). C(group) and C(state) are lists when several groups match.
      returned: success
      type: list
      elements: dict
      sample: [{"service": "update", "display": "Azure Stack HCI Update Service Cluster Group", "present": true,
                "state": "Online", "online": true, "owner_node": "NODE01", "expected": true}]
    listing_complete:
      description:
        - Whether the groups are the whole of C(Get-ClusterGroup) (it always lists the core C(Cluster Group)); a
          filtered listing such as C(Get-ClusterGroup *Update*) is not, and then no service is reported missing.
      returned: success
      type: bool
      sample: true
    missing_services:
      description: Expected services without a cluster group (only when RV(azure_local.detected) and
        RV(azure_local.listing_complete)).
      returned: success
      type: list
      elements: str
      sample: []
    offline_services:
      description: Services whose group is not Online.
      returned: success
      type: list
      elements: str
      sample: ["arc_resource_bridge"]
    resource_bridge:
      description: The resource bridge VM group (C(group), C(state), C(online), C(owner_node), C(evidence)), or null
        when none or several match.
      returned: success
      type: dict
      sample: {"group": "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de", "state": "Online", "online": true}
    resource_bridge_candidates:
      description: Every group taken for the resource bridge, or named like it while the platform is not known.
      returned: success
      type: list
      elements: str
      sample: ["c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"]
    appliance:
      description:
        - "The platform rule: C(<GUID>-control-plane-0-<8 hex>) is the Arc resource bridge on Azure Local 23H2 and
          later and the AKS management cluster's control plane on AKS hybrid (Azure Stack HCI 22H2 and earlier,
          Windows Server). Decided from the local node's registry, O(node_facts) identities and the Azure Local
          service groups (23H2 and later only): C(appliance) (C(arc_resource_bridge), C(aks_management_cluster) or
          null), C(basis) and C(reason) (why null: no evidence, or evidence that disagrees)."
      returned: success
      type: dict
      sample: {"appliance": "arc_resource_bridge", "reason": null,
               "basis": ["cluster groups: Azure Local service groups (download, health, orchestrator, update) -> arc_resource_bridge"]}
    aks_management_clusters:
      description: Groups of the AKS management cluster's control plane (the appliance name on AKS hybrid).
      returned: success
      type: list
      elements: str
      sample: []
    aks_control_planes:
      description: Groups of AKS workload cluster control planes (they match C(*control-plan*) but are not the bridge).
      returned: success
      type: list
      elements: str
      sample: ["my-cluster-control-plane-q9mbp-ae97a3e5"]
    unrecognised_control_planes:
      description: Groups that match C(*control-plan*) but neither name pattern; not taken for the bridge.
      returned: success
      type: list
      elements: str
      sample: []
    infrastructure_volume:
      description: The infrastructure CSV (C(name), C(path), C(state), C(owner_node), C(size_bytes), C(free_bytes),
        C(percent_free)), or null.
      returned: success
      type: dict
      sample: {"name": "Cluster Virtual Disk (Infrastructure_1)", "path": "C:\\ClusterStorage\\Infrastructure_1", "state": "Online"}
    sdn:
      description: Failover Cluster based Network Controller (C(enabled), C(groups), C(resources)); C(enabled) is
        true when its groups or its Generic Service resources (C(ApiService), C(SlbManagerService) ...) exist.
      returned: success
      type: dict
      sample: {"enabled": false, "groups": [], "resources": []}
node_os:
  description: Whether every node runs the same OS build; null when there is no cluster data.
  returned: always
  type: dict
  sample: {"consistent": false, "complete": false, "compared_on": "build", "differing_nodes": ["NODE03"]}
  contains:
    consistent:
      description:
        - True when every node runs the same build (and the same UBR where known), false when any differ,
          null when a node's build is unknown (too little data; RV(node_os.verdict) is C(unknown)).
      returned: success
      type: bool
      sample: false
    verdict:
      description: C(consistent), C(inconsistent) or C(unknown) (too little data to tell; never read as either).
      returned: success
      type: str
      sample: inconsistent
    complete:
      description: Whether the UBR of every node was known (the local node's always is; others come from O(node_facts)).
      returned: success
      type: bool
      sample: false
    compared_on:
      description: C(build) or C(build_and_ubr).
      returned: success
      type: str
      sample: build
    nodes:
      description: Per node C(name), C(version), C(build), C(ubr), C(source) (C(cluster_node), C(local_registry),
        C(node_facts)) and C(conflict) (two sources disagreeing on the build, else null).
      returned: success
      type: list
      elements: dict
      sample: [{"name": "NODE03", "version": "10.0.26100", "build": 26100, "ubr": null, "source": "cluster_node", "conflict": null}]
    groups:
      description: Nodes grouped by version (C(version), C(nodes)), the largest group first (on a tie the newest version first).
      returned: success
      type: list
      elements: dict
      sample: [{"version": "10.0.25398", "nodes": ["NODE01", "NODE02"]}, {"version": "10.0.26100", "nodes": ["NODE03"]}]
    differing_nodes:
      description: The nodes outside the first group.
      returned: success
      type: list
      elements: str
      sample: ["NODE03"]
    unknown_nodes:
      description: Nodes whose build is unknown.
      returned: success
      type: list
      elements: str
      sample: []
    ubr_unknown:
      description: Nodes whose UBR is unknown.
      returned: success
      type: list
      elements: str
      sample: ["NODE02", "NODE03"]
    message:
      description: When versions differ, the finding in the words of Azure Local's update check; when too little
        is known, what is missing; else null.
      returned: success
      type: str
      sample: >-
        Found different OS build number between cluster nodes: NODE03 is running on 10.0.26100,
        NODE01 is running on 10.0.25398.1665, NODE02 is running on 10.0.25398.
summary:
  description: Counts (C(nodes), C(nodes_up), C(nodes_not_up), C(groups), C(groups_by_role), C(groups_not_online),
    C(resources), C(resources_failed), C(shared_volumes), C(azure_local), C(node_os_consistent)); null without cluster data.
    C(groups_not_online) leaves out C(Available Storage) when it is Offline, its normal state.
  returned: always
  type: dict
  sample: {"nodes": 3, "nodes_up": 3, "groups_not_online": [], "azure_local": true, "node_os_consistent": true}
errors:
  description: One entry per probe that failed or timed out (C(probe), C(message), C(type)); each is also a warning.
  returned: always
  type: list
  elements: dict
  sample: []
durations:
  description: Seconds each probe took on the node.
  returned: always
  type: dict
  sample: {"prerequisites": 0.38, "cluster": 0.21, "groups": 0.44, "resources": 0.61}
collected_at:
  description:
    - When the observations were made, as UTC ISO 8601 text ending in C(Z) (the time the module ran on the node).
      The action plugin passes it on unchanged.
  returned: always
  type: str
  sample: "2026-11-30T10:41:07.1234567Z"
"""
