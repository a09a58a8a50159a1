#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: host_facts
short_description: Gather the identity of a Windows Server or Azure Local host, down to its kernel and hypervisor
version_added: 0.1.0
description:
  - Reads, in one read-only round trip, what an administrator checks by hand to show which operating system,
    kernel and hypervisor a host runs, and sets them as the fact C(ansible_facts.hyperv_host).
  - "Operating system: the values of C(HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion) (ProductName,
    EditionID, InstallationType, DisplayVersion, CurrentBuild, UBR, ...) and C(Win32_OperatingSystem)
    (Caption, Version, BuildNumber, OperatingSystemSKU, ProductType, OSArchitecture)."
  - "Azure Local solution version, when the node has one: C(Get-SolutionUpdateEnvironment), else
    C(Get-StampInformation). Windows Server has neither and returns null."
  - "Hardware: C(Win32_ComputerSystem) (HypervisorPresent, manufacturer, model) and C(Win32_Processor)
    (vendor and architecture, which decide the hypervisor image the boot loader launches)."
  - "Hyper-V: the optional feature C(Microsoft-Hyper-V), the C(vmms) service and, where Hyper-V is installed,
    C(Get-VMHost) and C(Get-VMHostSupportedVersion)."
  - "Binaries: C(ntoskrnl.exe) and every hypervisor image (C(hvix64.exe) Intel, C(hvax64.exe) AMD,
    C(hvaa64.exe) ARM64) in System32, plus O(files): file and product version, version-info strings, size,
    last write time, hashes and the Authenticode signature."
  - The module returns observations only. The filter P(hyperv.azlocal.host_identity#filter) interprets them on
    the controller (platform, full version with UBR, the exact C(ver) and C(systeminfo) strings, release
    lineage, which image is the running hypervisor), so facts gathered once can always be re-read.
  - It works as a facts module of M(ansible.builtin.gather_facts) (C(FACTS_MODULES)); it has no
    C(gather_subset) option because gather_facts does not pass one to facts modules other than setup. Use
    O(exclude_probes) to leave out slow sources.
options:
  files:
    description:
      - More files to describe and hash, in addition to C(ntoskrnl.exe), C(hvix64.exe), C(hvax64.exe) and
        C(hvaa64.exe) in System32.
      - Each must be an absolute path (C(C:\\Windows\\System32\\hal.dll), C(\\\\server\\share\\file)); environment
        variables such as C(%SystemRoot%) are expanded. The module fails on a relative path.
    type: list
    elements: path
    default: []
  hash_algorithms:
    description:
      - Hash algorithms computed for every file, in one pass over it. Values are upper-case hexadecimal, as
        C(Get-FileHash) prints them.
      - V(md5) is not offered, on purpose, because MD5 collisions can be manufactured, so equal MD5 values
        prove nothing about two binaries; asking for it fails the module with an error that names the
        option and the accepted values.
    type: list
    elements: str
    choices: [sha1, sha256, sha384, sha512]
    default: [sha256]
  exclude_probes:
    description:
      - Probes not to run; their keys are then absent from C(hyperv_host), and they are listed in
        RV(ansible_facts.hyperv_host.excluded_probes).
      - V(solution) asks the Azure Local orchestrator and can take seconds; V(signatures) verifies
        Authenticode signatures, the slowest part of the binaries; V(vmhost) loads the Hyper-V module.
    type: list
    elements: str
    choices: [os_registry, os_cim, hardware, solution, hyperv, vmhost, files, signatures]
    default: []
  include_vms:
    description:
      - Also read the host's VMs in the same round trip, with the probes of M(hyperv.azlocal.vm_info) (one
        C(Get-VM), one bulk query per item of O(vm_include), and the cluster's groups where the host is a
        running cluster node), into RV(ansible_facts.hyperv_host.vm_inventory).
      - One module call per Hyper-V host then gives everything the P(hyperv.azlocal.facts#role) role needs; the
        filter P(hyperv.azlocal.vm_inventory#filter) turns the inventory into the result M(hyperv.azlocal.vm_info)
        returns, with the same code.
      - On a host without Hyper-V the VM probes return null after one service query each (C(vm_inventory.host)
        says what is missing).
    type: bool
    default: false
    version_added: 0.2.0
  vm_include:
    description:
      - With O(include_vms), more details per VM, each read with one bulk query for all VMs, as
        O(hyperv.azlocal.vm_info#module:include) - C(integration_services) (C(Get-VMIntegrationService)),
        C(network_adapters) (C(Get-VMNetworkAdapter)), C(hard_drives) (C(Get-VMHardDiskDrive)).
      - Ignored without O(include_vms).
    type: list
    elements: str
    choices: [integration_services, network_adapters, hard_drives]
    default: []
    version_added: 0.2.0
extends_documentation_fragment:
  - hyperv.azlocal.probe
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.facts
attributes:
  check_mode:
    support: full
    details: The module only reads; check mode returns the same facts.
  diff_mode:
    support: none
  facts:
    support: full
  platform:
    support: full
    platforms: windows
notes:
  - "As a facts module: set C(ansible_facts_modules: [smart, hyperv.azlocal.host_facts]) (or
    C(FACTS_MODULES)) for the Windows hosts, together with C(ansible_facts_parallel: false). With several
    facts modules gather_facts runs them in parallel as async jobs, which is broken for Windows hosts
    (U(https://github.com/ansible/ansible/issues/83219)). Options are passed with C(module_defaults)."
  - Run as an administrator for complete data. Without administrative rights C(Get-VMHost), the Azure Local
    cmdlets and some CIM classes fail; those probes are reported in C(errors) and the rest is returned.
  - "Performance: the probes run concurrently, one runspace each, so the wall time is that of the slowest
    probe. Each probe's duration is in C(probe_durations). Hashing reads every file once whatever the number
    of algorithms (about 20 MB for the four default files)."
  - Windows PowerShell 5.1 runs the module. All paths are read through the 64-bit view of the file system and
    registry when Ansible runs 64-bit PowerShell, which is the default.
seealso:
  - plugin: hyperv.azlocal.host_identity
    plugin_type: filter
  - plugin: hyperv.azlocal.parse_ver
    plugin_type: filter
  - plugin: hyperv.azlocal.parse_systeminfo
    plugin_type: filter
  - module: ansible.windows.setup
  - module: ansible.windows.win_stat
author:
  - hyperv.azlocal contributors (@hyperv-azlocal)
"""

EXAMPLES = r"""
- name: Gather the host identity of every Hyper-V node
  hyperv.azlocal.host_facts:

- name: Show the interpreted identity
  ansible.builtin.debug:
    msg: "{{ ansible_facts.hyperv_host | hyperv.azlocal.host_identity(host=inventory_hostname) }}"

- name: Also hash two drivers with SHA-256 and SHA-512, and skip the Azure Local orchestrator
  hyperv.azlocal.host_facts:
    files:
      - '%SystemRoot%\System32\drivers\vmswitch.sys'
      - C:\Windows\System32\drivers\storvsp.sys
    hash_algorithms: [sha256, sha512]
    exclude_probes: [solution]

- name: Fail instead of returning partial data when a probe fails
  hyperv.azlocal.host_facts:
    strict: true
    probe_timeout: 20

# As a facts module, in a play over Windows hosts (inventory group_vars/windows.yml):
#   ansible_facts_modules: [smart, hyperv.azlocal.host_facts]
#   ansible_facts_parallel: false
- name: Gather setup and hyperv_host facts in one gather_facts step
  hosts: windows
  gather_facts: true
  module_defaults:
    hyperv.azlocal.host_facts:
      hash_algorithms: [sha256, sha384]
  tasks:
    - name: Kernel version and hash
      ansible.builtin.debug:
        msg: >-
          {{ (ansible_facts.hyperv_host | hyperv.azlocal.host_identity).kernel.file_version }}
          {{ (ansible_facts.hyperv_host | hyperv.azlocal.host_identity).kernel.hashes.sha256 }}
"""

RETURN = r"""
ansible_facts:
  description: Facts added to the host.
  returned: always
  type: complex
  contains:
    hyperv_host:
      description:
        - Raw observations, one key per probe, plus C(excluded_probes), C(errors), C(probe_durations) and
          C(duration).
        - A probe that failed is null and has an entry in C(errors); an excluded probe has no key.
        - Interpret with P(hyperv.azlocal.host_identity#filter).
      returned: always
      type: complex
      contains:
        os_registry:
          description: Values of C(HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion), null when absent.
          returned: unless excluded
          type: dict
          sample:
            product_name: Windows Server 2025 Datacenter
            edition_id: ServerDatacenter
            composition_edition_id: ServerDatacenter
            installation_type: Server
            display_version: 24H2
            release_id: '2009'
            current_version: '6.3'
            current_build: '26100'
            current_build_number: '26100'
            ubr: 4349
            current_major_version_number: 10
            current_minor_version_number: 0
            build_lab_ex: 26100.1.amd64fre.ge_release.240331-1435
        os_cim:
          description: Properties of C(Win32_OperatingSystem); C(last_boot_up_time) in UTC ISO 8601.
          returned: unless excluded
          type: dict
          sample:
            caption: Microsoft Windows Server 2025 Datacenter
            version: 10.0.26100
            build_number: '26100'
            csd_version: null
            operating_system_sku: 8
            product_type: 3
            os_architecture: 64-bit
            last_boot_up_time: '2025-06-14T03:12:09.5000000Z'
        hardware:
          description: C(Win32_ComputerSystem) and one entry per C(Win32_Processor).
          returned: unless excluded
          type: dict
          contains:
            computer_system:
              description: Name, domain, manufacturer, model and C(HypervisorPresent) (true whenever any hypervisor
                runs below this OS, also when the OS is itself a virtual machine).
              type: dict
              returned: success
              sample:
                name: HV01
                dns_host_name: hv01
                domain: contoso.local
                part_of_domain: true
                manufacturer: Dell Inc.
                model: PowerEdge R760
                hypervisor_present: true
            processors:
              description: Vendor (C(GenuineIntel), C(AuthenticAMD)), architecture (9 x64, 12 ARM64), name and counts.
              type: list
              elements: dict
              returned: success
              sample:
                - device_id: CPU0
                  manufacturer: GenuineIntel
                  architecture: 9
                  name: Intel(R) Xeon(R) Gold 6430
                  number_of_cores: 32
                  number_of_logical_processors: 64
        solution:
          description:
            - Azure Local solution version, null on Windows Server (no Lifecycle Manager cmdlets).
            - With C(source=Get-SolutionUpdateEnvironment) the keys are C(current_version), C(current_sbe_version),
              C(state), C(health_state), C(last_updated), C(last_checked), C(hardware_model), C(sbe_family);
              with C(source=Get-StampInformation) they are C(stamp_version), C(services_version),
              C(installation_method) and C(fallback_reason) (why the first cmdlet was not used).
          returned: unless excluded
          type: dict
          sample:
            source: Get-SolutionUpdateEnvironment
            current_version: 12.2506.1001.29
            current_sbe_version: 4.2.2506.1
            state: AppliedSuccessfully
            health_state: Success
            last_updated: '2025-07-09T21:40:12.0000000Z'
            last_checked: '2025-07-10T06:00:03.0000000Z'
            hardware_model: PowerEdge R760
            sbe_family: Dell
        hyperv:
          description: The optional feature C(Microsoft-Hyper-V) (C(install_state) 1 enabled, 2 disabled, 3 absent)
            and the C(vmms) service; each null when it does not exist.
          returned: unless excluded
          type: dict
          sample:
            optional_feature: {name: Microsoft-Hyper-V, install_state: 1}
            vmms: {name: vmms, state: Running, start_mode: Auto}
        vmhost:
          description: C(Get-VMHost) settings and C(Get-VMHostSupportedVersion), null where Hyper-V is not installed.
          returned: unless excluded
          type: dict
          sample:
            computer_name: HV01
            logical_processor_count: 64
            memory_capacity: 549755813888
            virtual_machine_path: C:\ProgramData\Microsoft\Windows\Hyper-V
            virtual_hard_disk_path: C:\ProgramData\Microsoft\Windows\Virtual Hard Disks
            numa_spanning_enabled: true
            virtual_machine_migration_enabled: true
            maximum_virtual_machine_migrations: 2
            maximum_storage_migrations: 2
            virtual_machine_migration_authentication_type: Kerberos
            virtual_machine_migration_performance_option: SMB
            use_any_network_for_migration: false
            supported_versions:
              - {name: Microsoft Windows Server 2025/Windows 11, version 24H2, version: '12.0', is_default: true}
        files:
          description:
            - One entry per file, default files first. C(exists) false and the other values null for a missing
              file; C(error) holds why a file could not be read.
            - C(file_version_raw) and C(product_version_raw) are what PowerShell shows as FileVersionRaw and
              ProductVersionRaw; C(file_version) and C(product_version) are the version-info strings.
            - C(hashes) maps each of O(hash_algorithms) to upper-case hexadecimal.
          returned: unless excluded
          type: list
          elements: dict
          sample:
            - path: C:\Windows\system32\ntoskrnl.exe
              exists: true
              size: 12960104
              last_write_time_utc: '2025-06-06T01:52:31.0000000Z'
              file_version_raw: 10.0.26100.4349
              product_version_raw: 10.0.26100.4349
              file_version: 10.0.26100.4349 (WinBuild.160101.0800)
              product_version: 10.0.26100.4349
              file_description: NT Kernel & System
              product_name: Microsoft Windows Operating System
              original_filename: ntkrnlmp.exe
              internal_name: ntkrnlmp.exe
              company_name: Microsoft Corporation
              hashes: {sha256: 3F6B0D5A9E1C4B7A2D8E0F1C3B5A7D9E1F2A4C6B8D0E2F4A6C8B0D2E4F6A8C0B}
              error: null
        signatures:
          description:
            - C(Get-AuthenticodeSignature) of every file that exists; C(status) C(Valid) and a Microsoft signer make a
              genuine image. C(error) holds why a signature could not be read.
            - C(timestamper_subject) is the time-stamping certificate; the signing time itself is not exposed by
              C(Get-AuthenticodeSignature).
          returned: unless excluded
          type: list
          elements: dict
          sample:
            - path: C:\Windows\system32\ntoskrnl.exe
              status: Valid
              status_message: Signature verified.
              signature_type: Catalog
              is_os_binary: true
              signer_subject: CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, S=Washington, C=US
              signer_issuer: CN=Microsoft Windows Production PCA 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US
              signer_thumbprint: 7A1C0E2B9D4F6A8C3E5B7D9F1A3C5E7B9D1F3A5C
              signer_not_after: '2026-01-15T19:39:22.0000000Z'
              timestamper_subject: null
              error: null
        vm_inventory:
          description:
            - With O(include_vms), the host's VMs as M(hyperv.azlocal.vm_info) reads them (raw, before
              interpretation).
            - C(host) is what the host offers (Hyper-V module, C(vmms) and cluster service states), C(vms) the
              C(Get-VM) objects (null without a running Hyper-V), C(integration_services), C(network_adapters) and
              C(hard_drives) the rows of the details asked for with O(vm_include), C(cluster_groups) the cluster's
              groups (null where the host is not a running cluster node).
            - P(hyperv.azlocal.vm_inventory#filter) interprets it; P(hyperv.azlocal.without_vm_inventory#filter)
              gives the facts back as host_facts returns them without O(include_vms).
            - Failures of these probes are in RV(ansible_facts.hyperv_host.errors) as C(vm_host), C(vms) and
              C(vm_cluster_groups).
          returned: when O(include_vms=true)
          type: dict
          sample:
            host: {ComputerName: AZL-NODE01, HyperVModule: true, FailoverClustersModule: true, VmmsState: Running,
                   ClusterServiceState: Running}
            vms:
              - {Name: 7e1c59c0b5a24e9c9f1c3b2f4d5e6a7b-control-plane-0-2f9c1, Id: 3b0c1a2e-8c4d-4f5e-9a1b-2c3d4e5f6a7b,
                 State: Running, Generation: 2, IsClustered: true, ComputerName: AZL-NODE01}
            integration_services: []
            cluster_groups: {Groups: [{Name: Cluster Group, GroupType: Cluster, State: Online, OwnerNode: AZL-NODE01}]}
        excluded_probes:
          description: The probes left out with O(exclude_probes).
          returned: always
          type: list
          elements: str
          sample: [solution]
        errors:
          description: One entry per probe that failed or timed out; each is also a warning.
          returned: always
          type: list
          elements: dict
          contains:
            probe:
              description: Name of the probe.
              type: str
              returned: always
              sample: vmhost
            message:
              description: What went wrong.
              type: str
              returned: always
              sample: You do not have the required permission to complete this task.
            type:
              description:
                - .NET type name of the exception raised where the probe failed (not the wrappers PowerShell
                  adds around it), or C(TimeoutException) for a probe that did not finish within O(probe_timeout).
              type: str
              returned: always
              sample: VirtualizationException
            hresult:
              description: The exception's HResult, which does not depend on the display language; null for a timeout.
              type: int
              returned: always
              sample: -2147024891
            native_error_code:
              description:
                - The exception's C(NativeErrorCode) where it has one (C(AccessDenied) for a CIM error, C(5) for a
                  Win32 error), else null.
              type: str
              returned: always
              sample: AccessDenied
        probe_durations:
          description:
            - Seconds from the start of the probes until each one finished (or was abandoned), by probe name, so you
              can see where the time goes on a host.
          returned: always
          type: dict
          sample: {os_registry: 0.004, os_cim: 0.081, hardware: 0.094, solution: 0.012, hyperv: 0.412,
                   vmhost: 0.633, files: 0.138, signatures: 0.207}
        duration:
          description: Seconds all probes took together, from the first start to the last result.
          returned: always
          type: float
          sample: 0.652
        collected_at:
          description:
            - When the observations were made, as UTC ISO 8601 text ending in C(Z) (the time the module ran on the
              host). Comparisons report it for every host, and the P(hyperv.azlocal.facts#role) role uses it to tell
              fresh facts from cached ones.
          returned: always
          type: str
          sample: "2026-11-30T10:41:07.1234567Z"
"""
