# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: snapshots
short_description: Read host snapshots back for drift comparisons
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Reads snapshot files written from P(hyperv.azlocal.to_snapshot#filter) - every C(*.json) file of a directory,
    or single files - and returns one dict host name -> documents per term, ready for
    P(hyperv.azlocal.compare_hosts#filter).
  - Every C(*.json) file of a directory must be a snapshot; a file that is not, two snapshots of the same host, or
    a host asked for in O(hosts) without a snapshot is an error that names the file or host.
  - Relative paths are relative to the playbook directory.
options:
  _terms:
    description: Snapshot directories or files.
    type: list
    elements: path
    required: true
  hosts:
    description: Only these hosts; each must have a snapshot.
    type: list
    elements: str
  suffix:
    description:
      - Appended to every host name, so a host's snapshot can sit next to the host itself in one comparison
        (C(node1@2026-10) and C(node1)).
    type: str
    default: ""
  metadata:
    description: Return the whole snapshot per host (C(host), C(time), C(collection_version), C(documents)) instead
      of its documents.
    type: bool
    default: false
seealso:
  - plugin: hyperv.azlocal.to_snapshot
    plugin_type: filter
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Compare the cluster today with last month's snapshots
  ansible.builtin.set_fact:
    drift: >-
      {{ lookup('hyperv.azlocal.snapshots', 'snapshots/2026-10', suffix='@2026-10')
         | combine(dict(groups['cluster'] | zip(groups['cluster'] | map('extract', hostvars))))
         | hyperv.azlocal.compare_hosts(profile='kernel') }}
  run_once: true

- name: Compare a new node with the cluster's baseline snapshot of node1
  ansible.builtin.set_fact:
    new_node: >-
      {{ lookup('hyperv.azlocal.snapshots', 'snapshots/baseline', hosts=['node1'])
         | combine({'node4': hostvars['node4']})
         | hyperv.azlocal.compare_hosts(profile='cluster', baseline='node1') }}
  run_once: true

- name: When was each snapshot taken, and by which collection version
  ansible.builtin.debug:
    msg: "{{ lookup('hyperv.azlocal.snapshots', 'snapshots/2026-10', metadata=true) | dict2items
             | map(attribute='value') | map('dict2items') | map('selectattr', 'key', 'in', ['host', 'time', 'collection_version'])
             | map('items2dict') }}"
"""

RETURN = r"""
_raw:
  returned: always
  description: One dict per term - host name (plus O(suffix)) -> the snapshot's documents (or the whole snapshot
    with O(metadata)).
  type: list
  elements: dict
  sample: [{node1: {hyperv_host: {}}, node2: {hyperv_host: {}}}]
"""

import os

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._snapshot import load_snapshots


class LookupModule(LookupBase):
    """hyperv.azlocal.snapshots"""

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        base = self._loader.get_basedir() if self._loader else os.getcwd()
        results = []
        for term in terms:
            path = term if os.path.isabs(term) else os.path.join(base, term)
            try:
                results.append(load_snapshots(path, hosts=self.get_option("hosts"), metadata=self.get_option("metadata"),
                                              suffix=self.get_option("suffix") or ""))
            except (TypeError, ValueError) as exc:
                raise AnsibleLookupError("hyperv.azlocal.snapshots: %s" % exc) from exc
        return results
