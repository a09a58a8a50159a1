# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test-only connection: runs a host's tasks on this machine as Ansible runs them on Windows.

With ``ansible_shell_type: powershell`` Ansible's powershell shell plugin starts ``PowerShell -NoProfile
-NonInteractive -ExecutionPolicy Unrestricted -EncodedCommand ...`` (PowerShell 7 on the PATH under that name)
and sends every module through its exec wrapper and Ansible.Basic, pipelined on stdin, the way its ssh
connection does when the remote shell is PowerShell. Only for the collection's tests against fake hosts.
"""

from __future__ import annotations

DOCUMENTATION = """
name: hvazlocal_pwsh
short_description: Run PowerShell modules on the controller under PowerShell 7 (tests only)
description:
  - The local connection, preferring C(.ps1) module implementations and pipelining every module, for
    testing Windows modules through Ansible's PowerShell exec wrapper with PowerShell 7.
  - Use with C(ansible_shell_type=powershell) and C(PowerShell) (PowerShell 7) on the PATH.
author: hyperv.azlocal contributors
options:
  become_success_timeout:
    type: int
    default: 10
    description: See the local connection.
    vars:
      - name: ansible_local_become_success_timeout
  become_strip_preamble:
    type: bool
    default: true
    description: See the local connection.
    vars:
      - name: ansible_local_become_strip_preamble
  pipelining:
    type: boolean
    default: true
    description: Modules are always pipelined by this connection.
    vars:
      - name: ansible_pipelining
"""

from ansible.plugins.connection.local import Connection as LocalConnection


class Connection(LocalConnection):
    """The local connection with the module preferences of a PowerShell remote."""

    transport = "hvazlocal_pwsh"
    module_implementation_preferences = (".ps1", ".exe", "")
    allow_executable = False
    always_pipeline_modules = True
    has_native_async = True
