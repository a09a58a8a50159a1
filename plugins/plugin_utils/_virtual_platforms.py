# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Whether a Windows host is itself a virtual machine, and on which hypervisor. PRIVATE to the collection.

Data, not code: each rule names the hypervisor and the SMBIOS strings Windows shows for it (systeminfo's
System Manufacturer, System Model and BIOS Version; Win32_ComputerSystem Manufacturer and Model;
Get-ComputerInfo CsManufacturer, CsModel, BiosManufacturer, BiosVersion). The first rule that matches wins.

Sources, cited by key in the rules:

* ``systemd-virt``: systemd ``src/basic/virt.c``, ``dmi_vendor_table`` (the SMBIOS vendor strings Linux
  uses to detect the same hypervisors: "KVM", "Amazon EC2", "QEMU", "VMware", "VMW", "innotek GmbH",
  "Xen", "Bochs", "Parallels", "BHYVE") and systemd PR #21127 (VirtualBox: product "VirtualBox",
  vendor "innotek GmbH"; "Oracle Corporation" alone is also Oracle's physical servers, so it is not used).
* ``captures``: systeminfo of Hyper-V guests (``Microsoft Corporation`` / ``Virtual Machine``, BIOS
  ``Hyper-V UEFI Release``), VMware guests (``VMware, Inc.`` / ``VMware7,1``, ``VMware Virtual Platform``)
  and Amazon EC2 instances (``Amazon EC2``) in tests/unit/data/captures (SOURCES.md there).
* ``ansible-setup``: ansible.windows ``setup.ps1`` maps model ``Virtual Machine`` to virtualization type Hyper-V.
"""

from __future__ import annotations

# "manufacturer" / "model" / "bios": prefixes (case-insensitive) of those strings; a rule matches when every
# string it names starts with one of its prefixes.
VIRTUAL_PLATFORMS = (
    {"hypervisor": "Hyper-V", "manufacturer": ("Microsoft Corporation",), "model": ("Virtual Machine",),
     "source": "captures, ansible-setup"},
    {"hypervisor": "Hyper-V", "bios": ("Microsoft Corporation Hyper-V", "Hyper-V UEFI"), "source": "captures"},
    {"hypervisor": "VirtualBox", "manufacturer": ("innotek GmbH",), "source": "systemd-virt"},
    {"hypervisor": "VirtualBox", "model": ("VirtualBox",), "source": "systemd-virt (PR #21127)"},
    {"hypervisor": "VMware", "manufacturer": ("VMware", "VMW"), "source": "systemd-virt, captures"},
    {"hypervisor": "VMware", "model": ("VMware",), "source": "captures"},
    {"hypervisor": "Amazon EC2", "manufacturer": ("Amazon EC2",), "source": "systemd-virt, captures"},
    {"hypervisor": "KVM", "manufacturer": ("KVM",), "source": "systemd-virt"},
    {"hypervisor": "KVM", "model": ("KVM",), "source": "systemd-virt"},
    {"hypervisor": "QEMU", "manufacturer": ("QEMU",), "source": "systemd-virt"},
    {"hypervisor": "Xen", "manufacturer": ("Xen",), "source": "systemd-virt"},
    {"hypervisor": "Bochs", "manufacturer": ("Bochs",), "source": "systemd-virt"},
    {"hypervisor": "Parallels", "manufacturer": ("Parallels",), "source": "systemd-virt"},
    {"hypervisor": "bhyve", "manufacturer": ("BHYVE",), "source": "systemd-virt"},
)

_FIELDS = (("manufacturer", "System Manufacturer"), ("model", "System Model"), ("bios", "BIOS Version"))


def _starts(value, prefixes):
    text = (value or "").strip().lower()
    return bool(text) and any(text.startswith(prefix.lower()) for prefix in prefixes)


def virtualization(manufacturer=None, model=None, bios=None):
    """Is this OS a virtual machine, and on which hypervisor?

    Returns a dict: guest (True when a rule matched; False when the strings were observed and none matched;
    None when none of them was observed), hypervisor (the name of the rule's hypervisor, else None) and
    basis (the observed strings that decided, in words; None when nothing was observed).
    """
    observed = {key: (value or "").strip() or None
                for key, value in (("manufacturer", manufacturer), ("model", model), ("bios", bios))}
    seen = ["%s '%s'" % (label, observed[key]) for key, label in _FIELDS if observed[key]]
    if not seen:
        return {"guest": None, "hypervisor": None, "basis": None}
    for rule in VIRTUAL_PLATFORMS:
        keys = [key for key, _label in _FIELDS if key in rule]
        if all(_starts(observed[key], rule[key]) for key in keys):
            basis = ", ".join("%s '%s'" % (label, observed[key]) for key, label in _FIELDS if key in rule)
            return {"guest": True, "hypervisor": rule["hypervisor"], "basis": "%s (%s)" % (basis, rule["source"])}
    return {"guest": False, "hypervisor": None, "basis": "%s: no known virtual platform" % ", ".join(seen)}
