#!powershell

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

#AnsibleRequires -CSharpUtil Ansible.Basic
#AnsibleRequires -PowerShell ..module_utils._HvAzLocalProbe

# The Windows implementation of hyperv.azlocal.guest_facts (meta/runtime.yml routes guest_facts.ps1 here).
# The probes only read; the verdict is the same ordered rule tables and the same small evaluator as
# plugins/module_utils/_guest.py (RULES, first_match), because a facts module must return final data
# and a Windows target has no Python. Unit tests compare $guestRules, $windowsServices and $kvpKeys
# with their Python counterparts, read out of this file's syntax tree, and run the rule vectors of
# tests/unit/data/guest_facts/rule_vectors.json through both evaluators (Select-HvAzLocalGuestRule and
# Get-HvAzLocalGuestVerdict here, taken out of this file as they are; guest_verdict in Python).

$spec = @{
    options = @{
        kvp_dir = @{ type = 'path' }
        _root_dir = @{ type = 'path' }
    }
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-HvAzLocalProbeSpec))
$collectedAt = ConvertTo-HvAzLocalPlainValue -InputObject ([DateTime]::UtcNow)
$deadline = Get-HvAzLocalProbeDeadline -Module $module

# Same as RULES in plugins/module_utils/_guest.py: first matching rule wins; 'prefix' and 'equals'
# compare trimmed strings ignoring case; 'present' holds for anything but $null, '', 0 and $false.
$guestRules = [ordered]@{
    hypervisor = @(
        @{ id = 'smbios_microsoft_virtual_machine'; result = 'hyperv'; use_signal = $null; when = @(
                @{ signal = 'vendor'; test = 'prefix'; value = 'Microsoft Corporation' },
                @{ signal = 'product'; test = 'prefix'; value = 'Virtual Machine' }
            )
        },
        @{ id = 'vmbus_devices'; result = 'hyperv'; use_signal = $null; when = @(
                @{ signal = 'vmbus_devices'; test = 'present'; value = $null }
            )
        },
        @{ id = 'smbios_vmware'; result = 'vmware'; use_signal = $null; when = @(
                @{ signal = 'vendor'; test = 'prefix'; value = 'VMware' }
            )
        },
        @{ id = 'smbios_virtualbox'; result = 'virtualbox'; use_signal = $null; when = @(
                @{ signal = 'product'; test = 'prefix'; value = 'VirtualBox' }
            )
        },
        @{ id = 'smbios_kvm'; result = 'kvm'; use_signal = $null; when = @(
                @{ signal = 'product'; test = 'prefix'; value = 'KVM' }
            )
        },
        @{ id = 'smbios_qemu'; result = 'qemu'; use_signal = $null; when = @(
                @{ signal = 'vendor'; test = 'prefix'; value = 'QEMU' }
            )
        },
        @{ id = 'smbios_xen'; result = 'xen'; use_signal = $null; when = @(
                @{ signal = 'vendor'; test = 'prefix'; value = 'Xen' }
            )
        },
        @{ id = 'smbios_amazon'; result = 'amazon'; use_signal = $null; when = @(
                @{ signal = 'vendor'; test = 'prefix'; value = 'Amazon EC2' }
            )
        },
        @{ id = 'smbios_google'; result = 'google'; use_signal = $null; when = @(
                @{ signal = 'product'; test = 'prefix'; value = 'Google Compute Engine' }
            )
        },
        @{ id = 'smbios_parallels'; result = 'parallels'; use_signal = $null; when = @(
                @{ signal = 'vendor'; test = 'prefix'; value = 'Parallels' }
            )
        },
        @{ id = 'smbios_bhyve'; result = 'bhyve'; use_signal = $null; when = @(
                @{ signal = 'vendor'; test = 'prefix'; value = 'BHYVE' }
            )
        },
        @{ id = 'container'; result = $null; use_signal = 'container'; when = @(
                @{ signal = 'container'; test = 'present'; value = $null }
            )
        },
        @{ id = 'cpu_hypervisor_flag'; result = 'unknown'; use_signal = $null; when = @(
                @{ signal = 'cpu_hypervisor_flag'; test = 'present'; value = $null }
            )
        },
        @{ id = 'nothing_detected'; result = 'none'; use_signal = $null; when = @() }
    )
    cloud = @(
        @{ id = 'azure_asset_tag'; result = 'azure'; use_signal = $null; when = @(
                @{ signal = 'asset_tag'; test = 'equals'; value = '7783-7084-3265-9085-8269-3286-77' }
            )
        }
    )
    generation = @(
        @{ id = 'firmware_uefi'; result = 2; use_signal = $null; when = @(
                @{ signal = 'hypervisor'; test = 'equals'; value = 'hyperv' },
                @{ signal = 'firmware_type'; test = 'equals'; value = 'uefi' }
            )
        },
        @{ id = 'firmware_bios'; result = 1; use_signal = $null; when = @(
                @{ signal = 'hypervisor'; test = 'equals'; value = 'hyperv' },
                @{ signal = 'firmware_type'; test = 'equals'; value = 'bios' }
            )
        },
        @{ id = 'bios_version_hyperv_uefi'; result = 2; use_signal = $null; when = @(
                @{ signal = 'hypervisor'; test = 'equals'; value = 'hyperv' },
                @{ signal = 'bios_version'; test = 'prefix'; value = 'Hyper-V UEFI' }
            )
        },
        @{ id = 'bios_vendor_american_megatrends'; result = 1; use_signal = $null; when = @(
                @{ signal = 'hypervisor'; test = 'equals'; value = 'hyperv' },
                @{ signal = 'bios_vendor'; test = 'prefix'; value = 'American Megatrends' }
            )
        }
    )
}

# Windows service -> integration services it implements (INTEGRATION_SERVICES in _guest.py).
$windowsServices = [ordered]@{
    vmicguestinterface = @('guest_services')
    vmicheartbeat = @('heartbeat')
    vmickvpexchange = @('kvp')
    vmicrdv = @('remote_desktop')
    vmicshutdown = @('shutdown')
    vmictimesync = @('time_sync')
    vmicvmsession = @('powershell_direct')
    vmicvss = @('vss')
}

# Document key -> value name under HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters
# (KVP_HOST_KEYS / KVP_VM_KEYS in _guest.py).
$kvpKeys = [ordered]@{
    host = [ordered]@{ name = 'HostName'; physical_name = 'PhysicalHostName'; physical_name_fqdn = 'PhysicalHostNameFullyQualified' }
    vm = [ordered]@{ name = 'VirtualMachineName'; id = 'VirtualMachineId' }
}

$probes = [ordered]@{
    computer_system = {
        param($Context)
        $system = @(CimCmdlets\Get-CimInstance -ClassName Win32_ComputerSystem -Property Manufacturer, Model)[0]
        @{ manufacturer = $system.Manufacturer; model = $system.Model }
    }
    bios = {
        param($Context)
        $bios = @(CimCmdlets\Get-CimInstance -ClassName Win32_BIOS -Property Manufacturer, SMBIOSBIOSVersion, ReleaseDate)[0]
        $date = $null
        if ($bios.ReleaseDate) {
            # CIM datetimes arrive as local time; the UTC date is the one SMBIOS stores.
            $date = $bios.ReleaseDate.ToUniversalTime().ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture)
        }
        @{ manufacturer = $bios.Manufacturer; smbios_bios_version = $bios.SMBIOSBIOSVersion; release_date = $date }
    }
    enclosure = {
        param($Context)
        $enclosures = @(CimCmdlets\Get-CimInstance -ClassName Win32_SystemEnclosure -Property SMBIOSAssetTag)
        @{ asset_tags = @(foreach ($enclosure in $enclosures) { [string]$enclosure.SMBIOSAssetTag }) }
    }
    services = {
        param($Context)
        $found = @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name LIKE 'vmic%'" -Property Name, State)
        @{ services = @(foreach ($service in $found) { @{ name = $service.Name; state = $service.State } }) }
    }
    kvp = {
        param($Context)
        $values = Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters' -AllowMissing
        if ($null -eq $values) {
            # Not a Hyper-V guest, or the Data Exchange service never ran: normal, not an error.
            return @{ present = $false; names = @(); entries = @{} }
        }
        $names = @($values.Keys | Where-Object { $_ })
        $entries = @{}
        foreach ($name in $names) {
            $entries[$name] = $values[$name]
        }
        # 'entries', not 'values': .Values is a member of every dictionary.
        @{ present = $true; names = $names; entries = $entries }
    }
    firmware = {
        param($Context)
        # PEFirmwareType: 1 = BIOS, 2 = UEFI (set by Windows setup / WinPE since Windows 8).
        $values = Get-HvAzLocalRegistryValue -Path 'SYSTEM\CurrentControlSet\Control' -Name PEFirmwareType -AllowMissing
        $type = $null
        if ($null -ne $values) {
            $type = $values.PEFirmwareType
        }
        @{ pe_firmware_type = $type }
    }
}
$probeSources = [ordered]@{
    computer_system = 'Win32_ComputerSystem'
    bios = 'Win32_BIOS'
    enclosure = 'Win32_SystemEnclosure'
    services = 'Win32_Service'
    kvp = 'HKLM:\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters'
    firmware = 'HKLM:\SYSTEM\CurrentControlSet\Control\PEFirmwareType'
}

Function Get-HvAzLocalGuestText {
    <#
    .SYNOPSIS
    A trimmed string, or $null for $null and blank values (as _clean in _guest.py).
    #>
    param ([object]$Value)
    if ($null -eq $Value) {
        return $null
    }
    $text = ([string]$Value).Trim()
    if ($text) {
        return $text
    }
    $null
}

Function Select-HvAzLocalGuestRule {
    <#
    .SYNOPSIS
    The value and id of the first rule whose conditions all hold (first_match in _guest.py).
    #>
    param (
        [object[]]$Rule,
        [System.Collections.IDictionary]$Signal
    )
    foreach ($candidate in $Rule) {
        $holds = $true
        foreach ($condition in $candidate.when) {
            $value = $Signal[$condition.signal]
            if ($condition.test -eq 'present') {
                $holds = [bool]$value
            }
            elseif ($condition.test -notin @('prefix', 'equals')) {
                throw "unknown rule test '$($condition.test)' for signal '$($condition.signal)'"
            }
            elseif ($value -isnot [string]) {
                $holds = $false
            }
            elseif ($condition.test -eq 'prefix') {
                $holds = $value.Trim().StartsWith($condition.value, [System.StringComparison]::OrdinalIgnoreCase)
            }
            else {
                $holds = [string]::Equals($value.Trim(), $condition.value, [System.StringComparison]::OrdinalIgnoreCase)
            }
            if (-not $holds) {
                break
            }
        }
        if ($holds) {
            $result = $candidate.result
            if ($candidate.use_signal) {
                $result = $Signal[$candidate.use_signal]
            }
            return @{ result = $result; rule = $candidate.id }
        }
    }
    @{ result = $null; rule = $null }
}

Function Get-HvAzLocalGuestVerdict {
    <#
    .SYNOPSIS
    The verdict from the signals (guest_verdict in _guest.py): each rule table in order, each seeing the results
    of the tables before it as signals.
    #>
    param (
        [System.Collections.IDictionary]$Rule,
        [System.Collections.IDictionary]$Signal
    )
    $seen = [ordered]@{}
    foreach ($name in $Signal.Keys) {
        $seen[$name] = $Signal[$name]
    }
    $matched = [ordered]@{}
    foreach ($table in $Rule.Keys) {
        $pick = Select-HvAzLocalGuestRule -Rule $Rule[$table] -Signal $seen
        $seen[$table] = $pick.result
        $matched[$table] = $pick.rule
    }
    [ordered]@{
        hypervisor = $seen['hypervisor']
        is_hyperv_guest = $seen['hypervisor'] -eq 'hyperv'
        cloud = $seen['cloud']
        generation = $seen['generation']
        matched = $matched
    }
}

foreach ($option in @('kvp_dir', '_root_dir')) {
    if ($module.Params[$option]) {
        $module.Warn("$option applies to Linux guests only; Windows reads KVP data from the registry")
    }
}

$invokeParams = @{
    Module = $module
    Probe = $probes
    Deadline = $deadline
    TimeoutSeconds = $module.Params.probe_timeout
    Strict = $module.Params.strict
}
$outcome = Invoke-HvAzLocalProbeSet @invokeParams
$data = $outcome.Data
$failed = @{}
foreach ($entry in $outcome.Errors) {
    $failed[$entry.probe] = $entry.message
}

$sources = [ordered]@{}
foreach ($probe in $probeSources.Keys) {
    $status = 'read'
    if ($failed.ContainsKey($probe)) {
        $status = "failed: $($failed[$probe])"
    }
    $sources[$probeSources[$probe]] = $status
}

$system = $data.computer_system
$bios = $data.bios
$kvp = $data.kvp
$kvpValues = @{}
if ($kvp -and $kvp.present) {
    $kvpValues = $kvp['entries']
}
elseif (-not $failed.ContainsKey('kvp')) {
    $sources[$probeSources.kvp] = 'absent'
}
$firmwareType = $null
if ($data.firmware -and $data.firmware.pe_firmware_type -eq 1) {
    $firmwareType = 'bios'
}
elseif ($data.firmware -and $data.firmware.pe_firmware_type -eq 2) {
    $firmwareType = 'uefi'
}
elseif (-not $failed.ContainsKey('firmware')) {
    $sources[$probeSources.firmware] = 'absent'
}
$assetTag = $null
if ($data.enclosure) {
    $assetTag = @($data.enclosure.asset_tags | ForEach-Object { Get-HvAzLocalGuestText -Value $_ } | Where-Object { $_ }) | Select-Object -First 1
}

# The platform-neutral signals (SIGNALS in _guest.py). Windows cannot observe vmbus_devices,
# container or cpu_hypervisor_flag the way Linux does: HypervisorPresent is also true on Hyper-V
# hosts and with virtualization-based security, so it would not tell a guest.
$signals = [ordered]@{
    vendor = Get-HvAzLocalGuestText -Value $system.manufacturer
    product = Get-HvAzLocalGuestText -Value $system.model
    asset_tag = $assetTag
    bios_vendor = Get-HvAzLocalGuestText -Value $bios.manufacturer
    bios_version = Get-HvAzLocalGuestText -Value $bios.smbios_bios_version
    firmware_type = $firmwareType
    vmbus_devices = $null
    container = $null
    cpu_hypervisor_flag = $null
    kvp_host_data = [bool]($kvpValues.HostName)
}

$verdict = Get-HvAzLocalGuestVerdict -Rule $guestRules -Signal $signals

$servicesFound = @{}
foreach ($service in @($data.services.services)) {
    if ($service -and $service.name) {
        $servicesFound[([string]$service.name).ToLowerInvariant()] = $service
    }
}
$serviceNames = @(@($windowsServices.Keys) + @($servicesFound.Keys) | Sort-Object -Unique)
$integrationServices = [ordered]@{}
foreach ($name in $serviceNames) {
    $state = 'absent'
    if ($servicesFound.ContainsKey($name)) {
        $state = ([string]$servicesFound[$name].state).ToLowerInvariant().Replace(' ', '_')
    }
    elseif ($failed.ContainsKey('services')) {
        $state = 'unknown'
    }
    $provides = @()
    if ($windowsServices.Contains($name)) {
        $provides = @($windowsServices[$name])
    }
    $integrationServices[$name] = @{ type = 'service'; state = $state; provides = $provides }
}

$identity = @{}
foreach ($part in $kvpKeys.Keys) {
    $identity[$part] = [ordered]@{}
    foreach ($field in $kvpKeys[$part].Keys) {
        $identity[$part][$field] = Get-HvAzLocalGuestText -Value $kvpValues[$kvpKeys[$part][$field]]
    }
}

$kvpNames = @()
$kvpSource = $null
if ($kvp -and $kvp.present) {
    $kvpNames = @($kvp.names)
    $kvpSource = $probeSources.kvp
}

$module.Result.errors = @($outcome.Errors)
$module.Result.ansible_facts = @{
    hyperv_guest = [ordered]@{
        is_hyperv_guest = $verdict.is_hyperv_guest
        hypervisor = $verdict.hypervisor
        cloud = $verdict.cloud
        generation = $verdict.generation
        firmware = [ordered]@{
            vendor = $signals.bios_vendor
            version = $signals.bios_version
            date = $bios.release_date
            type = $firmwareType
        }
        integration_services = $integrationServices
        host = $identity.host
        vm = $identity.vm
        evidence = [ordered]@{
            platform = 'windows'
            signals = $signals
            matched = $verdict.matched
            sources = $sources
            kvp = [ordered]@{
                source = $kvpSource
                records = $kvpNames.Count
                names = $kvpNames
                problems = @()
            }
            errors = @($outcome.Errors)
        }
        collected_at = $collectedAt
    }
}
$module.ExitJson()
