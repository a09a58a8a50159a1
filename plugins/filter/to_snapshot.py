# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: to_snapshot
short_description: Wrap a host's documents as a dated snapshot for drift comparisons
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Turns a dict of a host's documents (for example the raw facts under the name C(hyperv_host)) into a snapshot
    with the host name, the time (UTC) and the version of this collection. Write it to C(<dir>/<host>.json) with
    M(ansible.builtin.copy) and read a whole directory back with P(hyperv.azlocal.snapshots#lookup), to compare a
    host with itself last month, or a new node with the cluster's baseline.
  - Save raw observations (C(hyperv_host)), not the interpreted identity; P(hyperv.azlocal.compare_hosts#filter)
    interprets them again when it compares, so improvements of the interpretation apply to old snapshots.
  - The documents must be JSON data; anything else is an error that names the host.
  - The host name must be usable as the file name C(<host>.json) in one folder; a name with a path separator
    (C(/) or C(\)), C(.) or C(..), a control character, or more than 250 bytes is an error that names the host,
    so no snapshot can be written outside the chosen folder.
positional: _input, host
options:
  _input:
    description: The host's documents, a dict name -> document.
    type: dict
    required: true
  host:
    description: The host name the snapshot belongs to, usually C(inventory_hostname).
    type: str
    required: true
  time:
    description: The time to record, an ISO 8601 string. Defaults to now, in UTC, to the second.
    type: str
seealso:
  - plugin: hyperv.azlocal.snapshots
    plugin_type: lookup
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Save this month's raw host facts, one file per host
  ansible.builtin.copy:
    content: "{{ {'hyperv_host': ansible_facts.hyperv_host}
                 | hyperv.azlocal.to_snapshot(inventory_hostname) | to_nice_json }}"
    dest: "snapshots/{{ now(utc=true, fmt='%Y-%m') }}/{{ inventory_hostname }}.json"
    mode: "0644"
  delegate_to: localhost
"""

RETURN = r"""
_value:
  returned: always
  description: The snapshot.
  type: dict
  sample: {format: hyperv.azlocal.snapshot, format_version: 1, host: node1, time: "2026-11-27T07:31:27Z",
           collection_version: 0.1.0, documents: {hyperv_host: {}}}
  contains:
    format:
      returned: always
      description: Always C(hyperv.azlocal.snapshot).
      type: str
      sample: hyperv.azlocal.snapshot
    format_version:
      returned: always
      description: Version of the snapshot format.
      type: int
      sample: 1
    host:
      returned: always
      description: The host name.
      type: str
      sample: node1
    time:
      returned: always
      description: When the snapshot was taken.
      type: str
      sample: "2026-11-27T07:31:27Z"
    collection_version:
      returned: always
      description: Version of hyperv.azlocal that wrote it (null when unknown).
      type: str
      sample: 0.1.0
    documents:
      returned: always
      description: The documents, as given.
      type: dict
      sample: {hyperv_host: {}}
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._snapshot import make_snapshot


def to_snapshot(documents, host, time=None):
    """Snapshot dict of one host's documents."""
    try:
        return make_snapshot(documents, host, time=time)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.to_snapshot: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.to_snapshot"""

    def filters(self):
        return {"to_snapshot": to_snapshot}
