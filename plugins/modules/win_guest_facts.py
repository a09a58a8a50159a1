#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: win_guest_facts
short_description: Windows implementation of hyperv.azlocal.guest_facts
version_added: 0.1.0
description:
  - Sets C(ansible_facts.hyperv_guest) on a Windows machine, with the same keys and the same verdict rules as
    M(hyperv.azlocal.guest_facts) on Linux. Ansible runs this module when M(hyperv.azlocal.guest_facts) is used
    over a PowerShell connection (WinRM, PSRP, SSH with the PowerShell shell), so playbooks use that name for
    every host; this name can also be called directly.
  - Reads, in one round trip and concurrently, C(Win32_ComputerSystem) (C(Manufacturer), C(Model)), C(Win32_BIOS)
    (C(Manufacturer), C(SMBIOSBIOSVersion), C(ReleaseDate)), C(Win32_SystemEnclosure) (C(SMBIOSAssetTag)), the
    C(vmic*) services (C(Win32_Service)), the registry value C(HKLM\SYSTEM\CurrentControlSet\Control\PEFirmwareType)
    and the values of C(HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters), which the Hyper-V Data Exchange
    (KVP) integration service fills with C(HostName), C(PhysicalHostName), C(PhysicalHostNameFullyQualified),
    C(VirtualMachineName) and, on newer hosts, C(VirtualMachineId).
  - A missing C(Guest\Parameters) key is normal on machines that are not Hyper-V guests; it is listed as C(absent) in
    C(evidence.sources) and causes no warning.
options:
  kvp_dir:
    description:
      - Linux only (see M(hyperv.azlocal.guest_facts)). Accepted so one task can target Linux and Windows hosts;
        a warning says it is ignored.
    type: path
  _root_dir:
    description:
      - Internal use only, for testing the Linux implementation. Accepted and ignored with a warning.
    type: path
extends_documentation_fragment:
  - hyperv.azlocal.probe
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.facts
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  facts:
    support: full
  platform:
    support: full
    platforms: windows
notes:
  - The verdict rules and their order are listed in M(hyperv.azlocal.guest_facts). This module carries the same rule
    table as the Linux implementation; the collection's tests check that the two tables are identical and that both
    give the same verdicts on one shared set of test cases.
  - Windows cannot observe the C(vmbus_devices), C(container) and C(cpu_hypervisor_flag) signals the way Linux does
    (C(HypervisorPresent) is also true on Hyper-V hosts and with virtualization-based security), so they are null.
  - C(generation) uses C(PEFirmwareType) (1 BIOS, 2 UEFI) and falls back to the BIOS strings.
seealso:
  - module: hyperv.azlocal.guest_facts
  - module: ansible.windows.setup
author:
  - hyperv.azlocal contributors (@hyperv-azlocal)
"""

EXAMPLES = r"""
- name: Learn whether a Windows machine is a Hyper-V guest (same as hyperv.azlocal.guest_facts over WinRM)
  hyperv.azlocal.win_guest_facts:

- name: Fail when a probe fails instead of returning partial data
  hyperv.azlocal.win_guest_facts:
    strict: true
    probe_timeout: 60

- name: Show the physical Hyper-V host
  ansible.builtin.debug:
    var: ansible_facts.hyperv_guest.host.physical_name_fqdn
"""

# The same document as hyperv.azlocal.guest_facts: this RETURN is written from guest_facts.py by
# tools/sync_return_docs.py (edit it there, then run the tool); the unit tests fail while the two differ.
RETURN = r"""
errors:
  description:
    - One entry per Windows probe that failed or timed out, each also a warning; always empty on Linux.
    - The same list is in C(ansible_facts.hyperv_guest.evidence.errors), which also reaches hosts that gather these facts
      through C(FACTS_MODULES).
  returned: always
  type: list
  elements: dict
  sample: [{probe: enclosure, message: Access denied, type: CimException}]
  contains:
    probe:
      description: Name of the probe (C(computer_system), C(bios), C(enclosure), C(services), C(kvp), C(firmware)).
      returned: always
      type: str
      sample: enclosure
    message:
      description: What went wrong.
      returned: always
      type: str
      sample: Access denied
    type:
      description: .NET type name of the error.
      returned: always
      type: str
      sample: CimException
ansible_facts:
  description: Facts to add to C(ansible_facts).
  returned: always
  type: dict
  contains:
    hyperv_guest:
      description: What the machine tells about itself as a (possible) Hyper-V guest.
      returned: always
      type: dict
      contains:
        is_hyperv_guest:
          description: Whether the machine is a Hyper-V guest (C(hypervisor) is C(hyperv)).
          returned: always
          type: bool
          sample: true
        hypervisor:
          description:
            - What was detected, C(hyperv), another hypervisor (C(vmware), C(virtualbox), C(kvm), C(qemu),
              C(xen), C(amazon), C(google), C(parallels), C(bhyve)), a container manager (for example C(docker),
              C(podman), C(lxc), C(wsl)), C(unknown) (a hypervisor without a name) or C(none).
          returned: always
          type: str
          sample: hyperv
        cloud:
          description: C(azure) when the chassis asset tag is the Azure one, else null.
          returned: always
          type: str
          sample: azure
        generation:
          description: Hyper-V VM generation, 1 (BIOS) or 2 (UEFI), when the machine is a Hyper-V guest and it is known; else null.
          returned: always
          type: int
          sample: 2
        firmware:
          description: Firmware strings as SMBIOS reports them.
          returned: always
          type: dict
          contains:
            vendor:
              description: BIOS vendor (DMI C(bios_vendor), C(Win32_BIOS.Manufacturer)).
              returned: always
              type: str
              sample: Microsoft Corporation
            version:
              description: BIOS version (DMI C(bios_version), C(Win32_BIOS.SMBIOSBIOSVersion)).
              returned: always
              type: str
              sample: Hyper-V UEFI Release v4.1
            date:
              description: BIOS release date, ISO 8601 when it could be parsed.
              returned: always
              type: str
              sample: '2024-05-13'
            type:
              description: C(uefi), C(bios), or null when unknown.
              returned: always
              type: str
              sample: uefi
        integration_services:
          description:
            - Every Hyper-V integration component the platform has, by name.
            - Windows lists the C(vmic*) services; Linux lists the C(hv_*) kernel modules and the KVP, VSS and
              file copy daemons.
          returned: always
          type: dict
          sample:
            hv_utils: {type: module, state: loaded, provides: [heartbeat, shutdown, time_sync]}
            hv_kvp_daemon: {type: daemon, state: running, provides: [kvp]}
          contains:
            type:
              description: C(service) (Windows), C(module) or C(daemon) (Linux).
              returned: always
              type: str
              sample: module
            state:
              description:
                - Windows service state in lower case (C(running), C(stopped), ...) or C(absent).
                - Linux module C(loaded), C(builtin), C(absent) or C(unknown); daemon C(running), C(not_running)
                  or C(unknown) (for example when other users' processes are hidden from the module).
              returned: always
              type: str
              sample: running
            provides:
              description: Integration services it implements (C(heartbeat), C(shutdown), C(time_sync), C(kvp), C(vss),
                C(guest_services), C(powershell_direct), C(remote_desktop)); empty for drivers.
              returned: always
              type: list
              elements: str
              sample: [kvp]
        host:
          description: The Hyper-V host, as the host told the guest over KVP (null values when not available).
          returned: always
          type: dict
          contains:
            name:
              description: KVP C(HostName).
              returned: always
              type: str
              sample: HV-NODE01
            physical_name:
              description: KVP C(PhysicalHostName).
              returned: always
              type: str
              sample: HV-NODE01
            physical_name_fqdn:
              description: KVP C(PhysicalHostNameFullyQualified).
              returned: always
              type: str
              sample: hv-node01.contoso.local
        vm:
          description: The VM, as the host told the guest over KVP (null values when not available).
          returned: always
          type: dict
          contains:
            name:
              description: KVP C(VirtualMachineName), the VM name on the host.
              returned: always
              type: str
              sample: web01
            id:
              description: KVP C(VirtualMachineId) (written by newer hosts only).
              returned: always
              type: str
              sample: 0F3C6E2A-4B1D-4E8F-9A7C-2D5B8E1F6A90
        evidence:
          description: Which signals led to the verdict, and what was read or absent.
          returned: always
          type: dict
          contains:
            platform:
              description: C(linux) or C(windows).
              returned: always
              type: str
              sample: linux
            signals:
              description:
                - The platform-neutral observations the rules use (null when the platform cannot observe one)
                  C(vendor), C(product), C(asset_tag), C(bios_vendor), C(bios_version), C(firmware_type),
                  C(vmbus_devices), C(container), C(cpu_hypervisor_flag), C(kvp_host_data).
              returned: always
              type: dict
              sample: {vendor: Microsoft Corporation, product: Virtual Machine, asset_tag: 7783-7084-3265-9085-8269-3286-77,
                       bios_vendor: Microsoft Corporation, bios_version: Hyper-V UEFI Release v4.1, firmware_type: uefi,
                       vmbus_devices: 14, container: null, cpu_hypervisor_flag: true, kvp_host_data: true}
            matched:
              description: For C(hypervisor), C(cloud) and C(generation), the id of the rule that decided it, or null.
              returned: always
              type: dict
              sample: {hypervisor: smbios_microsoft_virtual_machine, cloud: azure_asset_tag, generation: firmware_uefi}
            sources:
              description:
                - "Every source consulted and what came of it: C(read), C(present), C(absent) or C(unreadable: <reason>)
                  (Linux for example C(not a regular file (FIFO)) or C(no data within 30 s (probe_timeout)));
                  Linux also C(read (the first <n> bytes; the file is larger)); Windows also C(failed: <reason>) for a
                  probe that failed."
              returned: always
              type: dict
              sample: {/sys/class/dmi/id/sys_vendor: read, /sys/bus/vmbus/devices: read, /proc/modules: read,
                       /var/lib/hyperv/.kvp_pool_3: read, /var/opt/hyperv/.kvp_pool_3: absent}
            kvp:
              description: The KVP source that was read.
              returned: always
              type: dict
              contains:
                source:
                  description: Pool file or registry key read, or null.
                  returned: always
                  type: str
                  sample: /var/lib/hyperv/.kvp_pool_3
                records:
                  description: Number of whole records (Linux) or values (Windows) read.
                  returned: always
                  type: int
                  sample: 5
                names:
                  description: The KVP keys present, in file order (Linux lists the first 100; C(records) counts them all).
                  returned: always
                  type: list
                  elements: str
                  sample: [HostName, PhysicalHostName, PhysicalHostNameFullyQualified, VirtualMachineId, VirtualMachineName]
                problems:
                  description:
                    - What was wrong with the pool file (larger than a pool can be, truncated, undecodable, repeated
                      keys); they are also a warning.
                    - Linux lists the first 20, then one entry that counts the rest.
                  returned: always
                  type: list
                  elements: str
                  sample: []
            errors:
              description: Probes that failed (Windows), each with C(probe), C(message) and C(type); also reported as warnings.
              returned: always
              type: list
              elements: dict
              sample: []
        collected_at:
          description:
            - When the observations were made, as UTC ISO 8601 text ending in C(Z) (the time the module ran on the
              machine). Comparisons report it for every host, and the P(hyperv.azlocal.facts#role) role uses it to
              tell fresh facts from cached ones.
          returned: always
          type: str
          sample: "2026-11-30T10:41:07.123456Z"
"""
