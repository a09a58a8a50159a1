# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
name: cluster_report
short_description: Render a failover cluster as Markdown, as Failover Cluster Manager shows it
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - "Turns the result of M(hyperv.azlocal.cluster_info) into a Markdown report: the nodes with their state and OS
    version and whether the builds agree, Azure Local's own services with their state and owner node, the Arc
    resource bridge cluster group (and, given VM data, its VM), the infrastructure volume, and every cluster
    group with its role."
  - It only formats; the roles, services and the node OS check are decided by M(hyperv.azlocal.cluster_info) and
    M(hyperv.azlocal.vm_info).
positional: _input, vms
options:
  _input:
    description: A M(hyperv.azlocal.cluster_info) result (as registered, or the C(hyperv_cluster) fact of the
      P(hyperv.azlocal.facts#role) role).
    type: dict
    required: true
  vms:
    description:
      - Optional M(hyperv.azlocal.vm_info) results, to name the resource bridge VM. One result, a list of them, or
        a dict host -> result.
    type: raw
seealso:
  - module: hyperv.azlocal.cluster_info
  - module: hyperv.azlocal.vm_info
"""

EXAMPLES = r"""
- name: Read the cluster from one node
  hyperv.azlocal.cluster_info:
  register: cluster

- name: Write the cluster report next to the playbook
  ansible.builtin.copy:
    content: "{{ cluster | hyperv.azlocal.cluster_report }}"
    dest: cluster.md
    mode: "0644"
  delegate_to: localhost
"""

RETURN = r"""
_value:
  description: The report, Markdown text (headings and tables).
  type: str
  sample: |-
    # Cluster AZL-CL01.contoso.local (Azure Local)

    ## Nodes

    | Node | State | Drain status | OS version |
    | --- | --- | --- | --- |
    | AZL-NODE01 | Up | NotInitiated | `10.0.26100.4349` |
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._cluster_report import render_cluster_markdown


def cluster_report(data, vms=None):
    """Markdown report of a cluster_info result."""
    try:
        return render_cluster_markdown(data, vms=vms)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError(str(exc)) from exc


class FilterModule:
    """The cluster_report filter."""

    def filters(self):
        return {"cluster_report": cluster_report}
