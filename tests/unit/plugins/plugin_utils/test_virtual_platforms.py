"""Guest detection (plugin_utils/_virtual_platforms.py): the strings are those of the captures in
tests/unit/data/captures (Hyper-V, VMware, Amazon EC2 guests) and of systemd's dmi_vendor_table and PR #21127
(VirtualBox: vendor "innotek GmbH", product "VirtualBox"; "Oracle Corporation" alone is also Oracle hardware)."""

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._virtual_platforms import VIRTUAL_PLATFORMS, virtualization


@pytest.mark.parametrize("manufacturer, model, bios, hypervisor", [
    ("Microsoft Corporation", "Virtual Machine", None, "Hyper-V"),  # Win32_ComputerSystem without a BIOS string
    (None, None, "Microsoft Corporation Hyper-V UEFI Release v4.1, 5/13/2024", "Hyper-V"),
    ("innotek GmbH", "VirtualBox", "innotek GmbH VirtualBox, 12/1/2006", "VirtualBox"),
    ("Oracle Corporation", "VirtualBox", None, "VirtualBox"),
    ("VMware, Inc.", "VMware7,1", None, "VMware"),
    (None, "VMware Virtual Platform", None, "VMware"),
    ("Amazon EC2", "c5ad.xlarge", "Amazon EC2 1.0, 10/16/2017", "Amazon EC2"),
    ("QEMU", "Standard PC (Q35 + ICH9, 2009)", None, "QEMU"),
    ("Xen", "HVM domU", None, "Xen"),
])
def test_guests(manufacturer, model, bios, hypervisor):
    found = virtualization(manufacturer, model, bios)
    assert found["guest"] is True and found["hypervisor"] == hypervisor and found["basis"]


@pytest.mark.parametrize("manufacturer, model", [
    ("Dell Inc.", "PowerEdge R760"),
    ("Microsoft Corporation", "Surface Laptop 5"),  # Microsoft hardware is not a Hyper-V guest
    ("Oracle Corporation", "SUN SERVER X4-2"),  # Oracle's physical servers
])
def test_hosts_are_not_guests(manufacturer, model):
    found = virtualization(manufacturer, model)
    assert found == {"guest": False, "hypervisor": None,
                     "basis": "System Manufacturer '%s', System Model '%s': no known virtual platform" % (manufacturer, model)}


def test_nothing_observed_is_unknown_not_physical():
    assert virtualization() == {"guest": None, "hypervisor": None, "basis": None}
    assert virtualization("", "  ", None) == {"guest": None, "hypervisor": None, "basis": None}


def test_every_rule_is_sourced():
    for rule in VIRTUAL_PLATFORMS:
        assert rule["hypervisor"] and rule["source"] and {"manufacturer", "model", "bios"} & set(rule)
