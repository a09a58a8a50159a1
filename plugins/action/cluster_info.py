# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible.errors import AnsibleActionFail

from ..modules.cluster_info import DOCUMENTATION as MODULE_DOCUMENTATION
from ..plugin_utils._cluster import build_cluster_info
from ..plugin_utils._collector_action import CollectorAction


class ActionModule(CollectorAction):
    """hyperv.azlocal.cluster_info: the node's failover cluster, Azure Local services and node OS consistency."""

    MODULE = "hyperv.azlocal.cluster_info"
    MODULE_DOCUMENTATION = MODULE_DOCUMENTATION
    CONTROLLER_OPTIONS = ("require_cluster", "node_facts")

    def interpret(self, raw, module_result, options, host):
        info = build_cluster_info(raw, errors=module_result.get("errors"), node_facts=options.get("node_facts"), host=host)
        if info["cluster"] is None and options["require_cluster"]:
            raise AnsibleActionFail(info["message"], result=dict(info, errors=module_result.get("errors", [])))
        return info
