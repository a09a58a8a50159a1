# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: parse_systeminfo
short_description: Parse the output of the Windows systeminfo command
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - "Turns C(systeminfo) output into a dict with one snake_case key per label (C(OS Name) -> C(os_name),
    Hotfix(s) -> C(hotfixes), C(Virtual Memory: Max Size) -> C(virtual_memory_max_size)), plus C(build)."
  - Reads the list form (the default, or C(/fo list)) and C(/fo csv) with its header.
  - The label column is never assumed to have a fixed width (31 characters on 26100-era builds, 27 on older
    ones); indented output, lines the console wrapped, prompts and other output around it are handled.
  - "Fragments are read too: the text may start at any English label (the output of
    C(systeminfo | findstr /B /C:\"OS Name\" /C:\"OS Version\") has no C(Host Name)), and a line that stands for
    output someone cut (C(====SNIPPED====), C(...), C(…), C([...])) does not end it: the labels after it are
    read, the lines between it and the next label are kept in RV(_value.skipped) and RV(_value.partial) is true."
  - The result is accepted by P(hyperv.azlocal.host_identity#filter), alone or in a list with the output of
    P(hyperv.azlocal.parse_ver#filter) for the same host (systeminfo never shows the UBR).
positional: _input
options:
  _input:
    description: The text, for example the C(stdout) of M(ansible.windows.win_command) running C(systeminfo).
    type: str
    required: true
notes:
  - Only English labels start an output; a localized output (C(Nome host:), C(Hostname:)) is an error that says
    so. Once an English label was seen, other labels are kept under their snake_case name, but
    RV(_value.build) needs C(OS Version). The table form (C(/fo table)) and C(/fo csv /nh) are not supported.
  - Text that holds the same label twice is taken for the outputs of two hosts.
  - Text that holds the output of several hosts is an error; parse one host at a time.
seealso:
  - plugin: hyperv.azlocal.parse_ver
    plugin_type: filter
  - plugin: hyperv.azlocal.host_identity
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Run systeminfo on a host
  ansible.windows.win_command: systeminfo.exe /fo csv
  register: systeminfo_out
  changed_when: false

- name: Parse it
  ansible.builtin.set_fact:
    sysinfo: "{{ systeminfo_out.stdout | hyperv.azlocal.parse_systeminfo }}"

- name: Show what the host says it is
  ansible.builtin.debug:
    msg: "{{ sysinfo.host_name }}: {{ sysinfo.os_name }} build {{ sysinfo.build }}, hotfixes {{ sysinfo.hotfixes | join(', ') }}"
"""

RETURN = r"""
_value:
  description:
    - One key per systeminfo label, in snake_case, with the value as printed (a string).
    - C(processors), C(hotfixes), C(network_cards), C(page_file_locations), C(hyper_v_requirements) and
      C(virtualization_based_security) are always lists of lines, without the C(N ... Installed.) count and
      without the C([01]:) item numbers. Any other label followed by more lines is a list too.
  type: dict
  contains:
    source:
      description: Always C(systeminfo); tells P(hyperv.azlocal.host_identity#filter) what the document is.
      type: str
      sample: systeminfo
    format:
      description: C(list) or C(csv), the form that was read.
      type: str
      sample: list
    build:
      description: Build number from OS Version; null when the output has no OS Version.
      type: int
      sample: 26100
    partial:
      description: True when the output has no C(Host Name) line (a fragment) or a line that stands for an elision.
      type: bool
      sample: false
    skipped:
      description: The elision lines and the lines after them that belong to no label (part of a field that was
        cut), as printed; never joined to another field.
      type: list
      elements: str
      sample: ["====SNIPPED========SNIPPED====", "Security Features Enabled:"]
    host_name:
      description: Host Name.
      type: str
      sample: EC2AMAZ-SA7RIKE
    os_name:
      description: OS Name.
      type: str
      sample: Microsoft Windows Server 2025 Datacenter
    os_version:
      description: OS Version.
      type: str
      sample: 10.0.26100 N/A Build 26100
    os_configuration:
      description: OS Configuration.
      type: str
      sample: Standalone Server
    system_type:
      description: System Type.
      type: str
      sample: x64-based PC
    processors:
      description: One line per processor.
      type: list
      elements: str
      sample: [AMD64 Family 23 Model 49 Stepping 0 AuthenticAMD ~2800 Mhz]
    hotfixes:
      description: Installed updates.
      type: list
      elements: str
      sample: [KB5060842, KB5059502]
    hyper_v_requirements:
      description: The Hyper-V Requirements lines.
      type: list
      elements: str
      sample: [A hypervisor has been detected. Features required for Hyper-V will not be displayed.]
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import parse_systeminfo as _parse_systeminfo


def parse_systeminfo(text):
    """Filter entry point: see DOCUMENTATION."""
    try:
        return _parse_systeminfo(text)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError(str(exc), orig_exc=exc) from exc


class FilterModule:
    """hyperv.azlocal.parse_systeminfo"""

    def filters(self):
        return {"parse_systeminfo": parse_systeminfo}
