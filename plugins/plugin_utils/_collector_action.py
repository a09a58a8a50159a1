# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin shared by collectors whose raw observations are interpreted on the controller. PRIVATE.

A subclass names its module (FQCN), the options only the controller uses (CONTROLLER_SPEC, validated with
ArgumentSpecValidator and not sent to the host) and implements interpret(). The collector returns its
observations under ``_raw``; the task returns the interpretation instead, next to the collector's
``errors`` and ``durations``.
"""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase


class CollectorAction(ActionBase):
    """Run a read-only collector and replace its ``_raw`` observations with their interpretation."""

    MODULE = ""
    CONTROLLER_SPEC: dict = {}
    _supports_check_mode = True  # the collectors only read
    _supports_async = False

    def interpret(self, raw, module_result, options, host):
        """Return the keys to add to the task result. Raise KeyError/TypeError/ValueError on bad data."""
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp
        host = task_vars.get("inventory_hostname")
        args = dict(self._task.args)
        validation = ArgumentSpecValidator(self.CONTROLLER_SPEC).validate(
            {key: value for key, value in args.items() if key in self.CONTROLLER_SPEC})
        if validation.error_messages:
            raise AnsibleActionFail("%s: %s" % (self.MODULE, "; ".join(validation.error_messages)))
        module_args = {key: value for key, value in args.items() if key not in self.CONTROLLER_SPEC}
        module_result = self._execute_module(module_name=self.MODULE, module_args=module_args, task_vars=task_vars)
        result.update(module_result)
        if module_result.get("failed") or module_result.get("skipped"):
            return result
        raw = result.pop("_raw", None)
        if raw is None:
            raise AnsibleActionFail("%s returned no _raw data%s; is the collection on the controller the same version "
                                    "as the module that ran?" % (self.MODULE, " on %s" % host if host else ""))
        try:
            result.update(self.interpret(raw, result, validation.validated_parameters, host))
        except (KeyError, TypeError, ValueError) as exc:
            raise AnsibleActionFail("Unexpected data from the %s collector%s: %s" % (self.MODULE, " on %s" % host if host else "", exc)) from exc
        result["changed"] = False
        return result
