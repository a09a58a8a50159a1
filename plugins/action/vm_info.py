# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ..modules.vm_info import DOCUMENTATION as MODULE_DOCUMENTATION
from ..plugin_utils._collector_action import CollectorAction
from ..plugin_utils._vms import build_vm_info


class ActionModule(CollectorAction):
    """hyperv.azlocal.vm_info: Hyper-V VMs with their role (resource bridge, infrastructure, workload)."""

    MODULE = "hyperv.azlocal.vm_info"
    MODULE_DOCUMENTATION = MODULE_DOCUMENTATION
    CONTROLLER_OPTIONS = ("state",)

    def interpret(self, raw, module_result, options, host):
        return build_vm_info(raw, errors=module_result.get("errors"), state=options["state"], host=host)
