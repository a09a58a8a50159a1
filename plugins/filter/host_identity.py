# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: host_identity
short_description: Interpret a host's raw facts into its identity, down to kernel and hypervisor
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - "Turns the raw C(hyperv_host) facts of M(hyperv.azlocal.host_facts) into one identity document: the
    platform, the full version with UBR, the exact strings C(ver) and C(systeminfo) print, the release lineage,
    and the kernel and hypervisor images with their versions, hashes and signatures."
  - Also accepts the output of P(hyperv.azlocal.parse_ver#filter), P(hyperv.azlocal.parse_systeminfo#filter) and
    P(hyperv.azlocal.parse_computerinfo#filter), or a list of such documents of one host (for example systeminfo, which names the product, plus ver, which
    alone shows the UBR), so a host known only from captured text compares with a host gathered live.
  - The platform comes from the EditionID, the SKU, the product type, the installation type or the product
    name, never from the build number alone (Windows 11, Windows Server 2025 and Azure Local share build 26100).
  - Only observed values are evidence. RV(_value.kernel.image) and RV(_value.hypervisor.image) are null unless the
    file was read (a file version or a hash). The hypervisor is the hypervisor image file found and read on the
    host; when several were read (x64 Windows ships C(hvix64.exe) for Intel and C(hvax64.exe) for AMD), the CPU
    vendor and architecture choose the one the boot loader launches (C(hvaa64.exe) on ARM64). A host known from
    C(systeminfo) or C(ver) text, or whose files were not read, has neither.
  - A value that the input does not carry is null; an unknown build gives RV(_value.lineage.known=false), not
    an error.
positional: _input
options:
  _input:
    description:
      - C(ansible_facts.hyperv_host) (a dict holding it under C(hyperv_host) or C(ansible_facts.hyperv_host),
        such as C(hostvars[host]), works too), the output of P(hyperv.azlocal.parse_ver#filter),
        P(hyperv.azlocal.parse_systeminfo#filter) or P(hyperv.azlocal.parse_computerinfo#filter), or a list of such
        documents of the same host.
    type: raw
    required: true
  host:
    description:
      - The host's name, used in error messages.
    type: str
notes:
  - Documents in a list must agree; two values of the same field (for example two different builds) are an
    error that names the field and both values, never silently resolved.
  - An observation that looks wrong but does not prevent interpretation (registry and WMI disagreeing on the
    build, an Azure Local solution version whose OS family is not the host's, or whose release shipped a later
    OS revision than the host runs) is listed in RV(_value.anomalies). A later OS revision than the release
    shipped is a hotfix or a later cumulative update, not an anomaly (RV(_value.lineage.solution.host_os)).
seealso:
  - module: hyperv.azlocal.host_facts
  - plugin: hyperv.azlocal.parse_ver
    plugin_type: filter
  - plugin: hyperv.azlocal.parse_systeminfo
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Interpret the facts gathered by hyperv.azlocal.host_facts
  ansible.builtin.set_fact:
    identity: "{{ ansible_facts.hyperv_host | hyperv.azlocal.host_identity(host=inventory_hostname) }}"

- name: Print what an administrator would check by hand
  ansible.builtin.debug:
    msg:
      - "{{ identity.ver_string }}"
      - "OS Name: {{ identity.os_name }} / OS Version: {{ identity.os_version }}"
      - "{{ identity.kernel.image }} {{ identity.kernel.file_version }} {{ identity.kernel.hashes.sha256 }}"
      - "{{ identity.hypervisor.image }} {{ identity.hypervisor.file_version }} {{ identity.hypervisor.hashes.sha256 }}"
      - "Same build as: {{ identity.lineage.siblings | join(', ') }}"

- name: Identity of a host known only from text an administrator captured
  ansible.builtin.set_fact:
    legacy_identity: >-
      {{ [lookup('ansible.builtin.file', 'captures/node7-systeminfo.txt') | hyperv.azlocal.parse_systeminfo,
          lookup('ansible.builtin.file', 'captures/node7-ver.txt') | hyperv.azlocal.parse_ver]
         | hyperv.azlocal.host_identity(host='node7') }}
"""

RETURN = r"""
_value:
  description: The identity document. Every key is always present; null where the input does not tell.
  type: dict
  contains:
    source:
      description: Where the data came from, C(host_facts), C(ver), C(systeminfo), C(computerinfo) or
        C(win32_operatingsystem), joined with C(+) for a list.
      type: str
      sample: host_facts
    sources:
      description: RV(_value.source) as a list.
      type: list
      elements: str
      sample: [host_facts]
    host_name:
      description: Computer name (Win32_ComputerSystem Name, systeminfo Host Name).
      type: str
      sample: HV01
    platform:
      description: C(azure_local), C(windows_server), C(windows_client) or C(unknown).
      type: str
      sample: azure_local
    platform_basis:
      description: The observation that decided RV(_value.platform), null for C(unknown).
      type: str
      sample: edition_id ServerAzureStackHCICor
    product_name:
      description: Registry ProductName (systeminfo OS Name without the leading C(Microsoft)); C(Windows 10) is
        corrected to C(Windows 11) where WMI says Windows 11.
      type: str
      sample: Azure Stack HCI
    edition_id:
      description: Registry EditionID.
      type: str
      sample: ServerAzureStackHCICor
    installation_type:
      description: Registry InstallationType (C(Server), C(Server Core), C(Client)).
      type: str
      sample: Server Core
    display_version:
      description: Registry DisplayVersion, or ReleaseId where there is no DisplayVersion (Windows Server 2019 and
        older).
      type: str
      sample: 24H2
    build:
      description: OS build number.
      type: int
      sample: 26100
    ubr:
      description: Update build revision (registry UBR), the monthly cumulative update level; null when unknown.
      type: int
      sample: 4349
    version:
      description: C(major.minor.build.ubr), or C(major.minor.build) without a UBR.
      type: str
      sample: 10.0.26100.4349
    ver_string:
      description:
        - The line C(ver) printed, as printed (localized, for example C(Microsoft Windows [Versione 10.0.17134.590]))
          when the input holds the output of P(hyperv.azlocal.parse_ver#filter); otherwise what C(ver) prints on an
          English system. Null when the UBR is unknown (systeminfo alone never shows it). Compare hosts on
          RV(_value.version), the same on every language.
      type: str
      sample: Microsoft Windows [Version 10.0.26100.4349]
    os_name:
      description: Exactly what systeminfo prints as OS Name (Win32_OperatingSystem Caption).
      type: str
      sample: Microsoft Azure Stack HCI
    os_version:
      description: Exactly what systeminfo prints as OS Version.
      type: str
      sample: 10.0.26100 N/A Build 26100
    solution_version:
      description: Azure Local solution version (C(Get-SolutionUpdateEnvironment) CurrentVersion or
        C(Get-StampInformation) StampVersion); null on Windows Server.
      type: str
      sample: 12.2506.1001.29
    solution_source:
      description: The cmdlet the solution version came from.
      type: str
      sample: Get-SolutionUpdateEnvironment
    lineage:
      description: Release family of the build and the products built from it.
      type: dict
      contains:
        known:
          description: Whether the build is in the collection's lineage table.
          type: bool
          sample: true
        build:
          description: The build looked up.
          type: int
          sample: 26100
        family:
          description: One label for the whole family, the same on every sibling.
          type: str
          sample: "26100: Windows Server 2025 | Azure Stack HCI OS, version 24H2 (Azure Local 12.x) | Windows 11, version 24H2"
        release:
          description: The product this platform runs from that build.
          type: str
          sample: Azure Stack HCI OS, version 24H2 (Azure Local 12.x)
        siblings:
          description: The other products built from the same build.
          type: list
          elements: str
          sample: [Windows Server 2025, "Windows 11, version 24H2"]
        releases:
          description: Every product of the build, with its platform.
          type: list
          elements: dict
          sample: [{platform: windows_server, name: Windows Server 2025}]
        sources:
          description: Public sources of the lineage entry.
          type: list
          elements: str
          sample: ["Microsoft Learn, Azure Local release information (...)"]
        revision:
          description: What Microsoft documents about this exact build.UBR (C(known), C(build), C(ubr), C(kb),
            C(released), C(note), C(azure_local) solution versions that shipped it, C(sources)).
          type: dict
          sample:
            known: true
            build: 26100
            ubr: 4349
            kb: KB5060842
            released: '2025-06-10'
            note: null
            azure_local: [{train: '2506', solution_version: 12.2506.1001.29, available: '2025-07-02'}]
            sources: ["Microsoft Learn, Azure Local release information (...)"]
        solution:
          description:
            - The OS revisions Microsoft lists for the host's solution version (C(solution_version), C(train),
              C(os_build), C(known), C(match) (C(solution_version), C(train) or null), C(os_ubrs) (the revisions
              the release or its train shipped; a train moves its revision from one cumulative update to the
              next), C(os_ubr) and C(os_version) (when that is one revision), C(kb), C(available)); null without one.
            - C(host_os) says how the host's OS relates to it - C(same), C(newer) (a later revision of the same OS
              build, a hotfix, not an anomaly), C(older) and C(other_family) (10.x and 11.x run 25398, 12.x runs
              26100; both anomalies) or C(unknown).
          type: dict
          sample:
            solution_version: 12.2506.1001.29
            train: '2506'
            os_build: 26100
            known: true
            match: solution_version
            os_ubrs: [4349]
            os_ubr: 4349
            os_version: 10.0.26100.4349
            kb: KB5060842
            available: '2025-07-02'
            host_os: same
    cpu_vendor:
      description: Processor vendor string (C(GenuineIntel), C(AuthenticAMD)).
      type: str
      sample: GenuineIntel
    architecture:
      description: C(x64), C(arm64), C(x86) or C(arm).
      type: str
      sample: x64
    system_manufacturer:
      description: System manufacturer.
      type: str
      sample: Dell Inc.
    system_model:
      description: System model (C(Virtual Machine) for a Hyper-V guest).
      type: str
      sample: PowerEdge R760
    virtualization:
      description:
        - Whether this OS is itself a virtual machine, from System Manufacturer, System Model and BIOS Version
          (C(Microsoft Corporation) + C(Virtual Machine) is Hyper-V, C(innotek GmbH) or C(VirtualBox) VirtualBox,
          C(VMware, Inc.) VMware, C(Amazon EC2) EC2, and the other SMBIOS vendors systemd knows).
        - C(guest) (true; false when those strings were observed and name no virtual platform; null when none
          was observed), C(hypervisor) (the platform's name, else null) and C(basis) (the strings that decided).
      type: dict
      sample: {guest: true, hypervisor: Hyper-V, basis: "System Manufacturer 'Microsoft Corporation', System Model 'Virtual Machine'"}
    hypervisor_present:
      description: A hypervisor runs below this OS (Win32_ComputerSystem HypervisorPresent, systeminfo Hyper-V
        Requirements). Also true when the OS is itself a virtual machine.
      type: bool
      sample: true
    hyperv_installed:
      description: The Hyper-V role is installed (optional feature C(Microsoft-Hyper-V) enabled, or the C(vmms)
        service exists when the feature state is unknown); null when unknown.
      type: bool
      sample: true
    hyperv:
      description: Hyper-V host summary (C(feature_state), C(vmms_state), C(vmms_start_mode),
        C(default_vm_version), C(supported_vm_versions), C(logical_processor_count), C(memory_capacity),
        C(numa_spanning_enabled), C(virtual_machine_path), C(virtual_hard_disk_path), C(live_migration) with
        C(enabled), C(maximum_migrations), C(maximum_storage_migrations), C(authentication_type),
        C(performance_option)); values null when unknown.
      type: dict
      sample:
        feature_state: enabled
        vmms_state: Running
        vmms_start_mode: Auto
        default_vm_version: '12.0'
        supported_vm_versions: ['8.0', '9.0', '10.0', '11.0', '12.0']
    kernel:
      description:
        - The kernel image C(ntoskrnl.exe) in System32; C(image) is null unless its version or a hash was read.
        - C(image), C(path), C(exists), C(file_version) (FileVersionRaw), C(product_version) (ProductVersionRaw),
          C(file_version_string), C(file_description), C(size), C(last_write_time), C(hashes) (algorithm ->
          upper-case hex), C(error), and C(signature) with C(status), C(status_message), C(signer), C(issuer),
          C(thumbprint), C(signature_type), C(is_os_binary), C(timestamper), C(error) and C(microsoft) (a valid
          signature whose signer and issuer are Microsoft Corporation).
      type: dict
      sample:
        image: ntoskrnl.exe
        path: C:\Windows\system32\ntoskrnl.exe
        exists: true
        file_version: 10.0.26100.4349
        product_version: 10.0.26100.4349
        hashes: {sha256: 3F6B0D5A9E1C4B7A2D8E0F1C3B5A7D9E1F2A4C6B8D0E2F4A6C8B0D2E4F6A8C0B}
        signature: {status: Valid, signer: "CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, S=Washington, C=US",
                    microsoft: true}
    hypervisor:
      description: The hypervisor image read on this host, same keys as RV(_value.kernel); C(image) is null when no
        hypervisor image was read, or when several were and the CPU vendor does not tell which one runs (an anomaly).
      type: dict
      sample: {image: hvix64.exe, exists: true, file_version: 10.0.26100.4202}
    collected_at:
      description: When the raw facts were observed (their C(collected_at), UTC ISO 8601); the oldest of several
        documents; null for text sources, which carry no time.
      type: str
      sample: "2026-11-30T10:41:07.1234567Z"
    errors:
      description: The probes that failed on the host (C(probe), C(message), C(type)); their data is null here.
      type: list
      elements: dict
      sample: []
    anomalies:
      description: Observations that look inconsistent, in words.
      type: list
      elements: str
      sample: []
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity as _host_identity


def host_identity(data, host=None):
    """Filter entry point: see DOCUMENTATION."""
    try:
        return _host_identity(data, host=host)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError(str(exc), orig_exc=exc) from exc


class FilterModule:
    """hyperv.azlocal.host_identity"""

    def filters(self):
        return {"host_identity": host_identity}
