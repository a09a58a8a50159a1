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
      - How many seconds each probe may run, counted from the start of the module's probes.
      - A probe that has not finished by then is abandoned, recorded in C(errors) and reported as a warning;
        the data of the other probes is still returned.
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
  - Each failed probe is one entry of C(errors) (C(probe), C(message), C(type)) and one warning; with
    O(strict=true) it fails the module instead.
"""
