# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Options of the shared probe runner (Get-HvAzLocalProbeSpec in module_utils/_HvAzLocalProbe.psm1)."""

    DOCUMENTATION = r"""
options:
  probe_timeout:
    description:
      - How many seconds the module's probes may take in all, counted from the start of the module; at least 1.
      - A probe that has not finished by then is abandoned, recorded in C(errors) and reported as a warning;
        the data of the other probes is still returned.
      - A probe blocked in a call that cannot be interrupted (a hung WMI provider, an unreachable file share)
        would keep PowerShell from exiting. When Ansible started PowerShell for this one task (the winrm, ssh
        and local connections), the process then ends 10 seconds after the module returned its result; nothing
        of the module is left on the host, though a query a Windows service was serving for the probe (WMI
        provider host, cluster service) finishes in that service and is discarded. Over C(psrp) the stuck
        thread ends with the PSRP session.
    type: int
    default: 30
  strict:
    description:
      - Fail the module when any probe fails or times out, instead of returning partial data with warnings.
    type: bool
    default: false
notes:
  - The module reads everything it returns in one round trip, running its probes concurrently, and changes
    nothing on the host.
  - Each failed probe is one entry of C(errors) (C(probe), C(type) and C(message) of the original exception, its
    C(hresult) and C(native_error_code)) and one warning; with O(strict=true) it fails the module instead.
"""
