# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_json
short_description: Render a host comparison as JSON
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Renders the result of P(hyperv.azlocal.compare_hosts#filter) (or of M(hyperv.azlocal.assert_identical)) as
    strict JSON text, key order kept - non-ASCII characters escaped, lone surrogates shown as visible C(\\udXXX)
    text and NaN or infinite numbers as strings, so any JSON parser reads it whatever the hosts returned.
  - Every field keeps its status (V(identical), V(different), V(expected_difference), V(missing), V(no_data),
    V(single_host)); C(compared_at), C(observed_at), C(notes), C(probe_errors) and C(missing_reasons) say when the
    data was observed and why hosts have none. With O(notice), the document starts with a C(notice) key.
  - Checks that the input really is a comparison, unlike a plain P(ansible.builtin.to_json#filter).
positional: _input
options:
  _input:
    description: A comparison result.
    type: dict
    required: true
  indent:
    description: Indentation per level; V(null) writes one line.
    type: int
    default: 2
  notice:
    description:
      - A line shown at the top of the report, for example that the data is SAMPLE data (the demo passes the sample
        inventory's notice). Empty or null shows none.
    type: str
seealso:
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Keep the comparison as JSON next to the other reports
  ansible.builtin.copy:
    content: "{{ comparison | hyperv.azlocal.report_json }}"
    dest: reports/kernel.json
    mode: "0644"
  delegate_to: localhost
  run_once: true
"""

RETURN = r"""
_value:
  returned: always
  description: The JSON text.
  type: str
  sample: "{\n  \"identical\": true,\n  \"hosts\": [\n    \"node1\",\n ..."
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_json


def report_json(result, indent=2, notice=None):
    """JSON report of a comparison result."""
    try:
        return render_json(result, indent=indent, notice=notice)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.report_json: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.report_json"""

    def filters(self):
        return {"report_json": report_json}
