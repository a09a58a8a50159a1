# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test-only action: runs a module on the host and returns what it printed, bypassing the module's action plugin.

The collectors whose action plugin interprets their output (vm_info, cluster_info) return raw observations
under ``_raw``; the chain tests feed exactly that output to the Python interpretation.
"""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    """Run ``module`` with ``module_args`` through the connection and return its result unchanged."""

    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        args = dict(self._task.args)
        module = args.pop("module", None)
        module_args = args.pop("module_args", None) or {}
        if not module or args:
            raise AnsibleActionFail("hvazlocal_raw takes 'module' and 'module_args' only; got %s" % sorted(self._task.args))
        result.update(self._execute_module(module_name=module, module_args=module_args, task_vars=task_vars))
        return result
