# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: parse_ver
short_description: Parse the output of the Windows ver command
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Reads the version line that C(cmd /c ver) prints, C(Microsoft Windows [Version 10.0.26100.4349]), out of any
    captured text (prompts, blank lines and other output around it are ignored; the word C(Version) may be
    localized).
  - C(ver) is the only built-in text command that shows the UBR, the monthly update revision.
  - The result is accepted by P(hyperv.azlocal.host_identity#filter), alone or in a list with the output of
    P(hyperv.azlocal.parse_systeminfo#filter) for the same host.
positional: _input
options:
  _input:
    description: The text, for example the C(stdout) of M(ansible.windows.win_command) running C(cmd /c ver).
    type: str
    required: true
notes:
  - Text that holds two different versions (the output of several hosts) is an error; the same line twice is fine.
seealso:
  - plugin: hyperv.azlocal.parse_systeminfo
    plugin_type: filter
  - plugin: hyperv.azlocal.host_identity
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Run ver on a host
  ansible.windows.win_command: cmd.exe /c ver
  register: ver_out
  changed_when: false

- name: Parse it
  ansible.builtin.set_fact:
    ver_info: "{{ ver_out.stdout | hyperv.azlocal.parse_ver }}"
    # {"source": "ver", "ver_string": "Microsoft Windows [Version 10.0.26100.4349]", "version": "10.0.26100.4349",
    #  "major": 10, "minor": 0, "build": 26100, "ubr": 4349}

- name: Text saved by an administrator, with the prompt around it
  ansible.builtin.debug:
    msg: "{{ 'PS C:\\> cmd /c ver\n\nMicrosoft Windows [Version 10.0.25398.1189]\nPS C:\\>' | hyperv.azlocal.parse_ver }}"
"""

RETURN = r"""
_value:
  description: The version that ver printed.
  type: dict
  contains:
    source:
      description: Always C(ver); tells P(hyperv.azlocal.host_identity#filter) what the document is.
      type: str
      sample: ver
    ver_string:
      description: The version line as printed.
      type: str
      sample: Microsoft Windows [Version 10.0.26100.4349]
    version:
      description: The dotted version.
      type: str
      sample: 10.0.26100.4349
    major:
      description: Major version.
      type: int
      sample: 10
    minor:
      description: Minor version.
      type: int
      sample: 0
    build:
      description: Build number.
      type: int
      sample: 26100
    ubr:
      description: Update build revision; null when ver printed none (Windows 7 and older).
      type: int
      sample: 4349
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import parse_ver as _parse_ver


def parse_ver(text):
    """Filter entry point: see DOCUMENTATION."""
    try:
        return _parse_ver(text)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError(str(exc), orig_exc=exc) from exc


class FilterModule:
    """hyperv.azlocal.parse_ver"""

    def filters(self):
        return {"parse_ver": parse_ver}
