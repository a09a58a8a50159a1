#!powershell

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

#AnsibleRequires -CSharpUtil Ansible.Basic
#AnsibleRequires -PowerShell ..module_utils._HvAzLocalProbe

# Observations only: every probe reads one source and returns what it read under snake_case names of that
# source. What the values mean (platform, which hypervisor image runs, lineage) is decided on the
# controller by the hyperv.azlocal.host_identity filter.

$spec = @{
    options = @{
        files = @{ type = 'list'; elements = 'path'; default = @() }
        hash_algorithms = @{ type = 'list'; elements = 'str'; default = @('sha256'); choices = 'sha1', 'sha256', 'sha384', 'sha512' }
        exclude_probes = @{
            type = 'list'
            elements = 'str'
            default = @()
            choices = 'os_registry', 'os_cim', 'hardware', 'solution', 'hyperv', 'vmhost', 'files', 'signatures'
        }
        include_vms = @{ type = 'bool'; default = $false }
        vm_include = @{ type = 'list'; elements = 'str'; default = @(); choices = 'integration_services', 'network_adapters', 'hard_drives' }
    }
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-HvAzLocalProbeSpec))
$collectedAt = ConvertTo-HvAzLocalPlainValue -InputObject ([DateTime]::UtcNow)
$deadline = Get-HvAzLocalProbeDeadline -Module $module

# A relative path would be read from whatever the working directory of the remote shell is.
$notAbsolute = @(foreach ($path in $module.Params.files) {
        if ($path -notmatch '^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\[^\\]+)') {
            $path
        }
    })
if ($notAbsolute.Count -gt 0) {
    $module.FailJson("files must hold absolute paths such as C:\Windows\System32\hal.dll; not absolute: $($notAbsolute -join ', ')")
}

# The kernel and every hypervisor image the boot loader may launch: which one runs depends on the CPU,
# and the controller decides it from the processor data below. Read from the native System32 folder
# (Sysnative from a 32-bit PowerShell).
$system32 = Get-HvAzLocalSystemDirectory
$filePaths = [System.Collections.Generic.List[string]]@()
foreach ($image in 'ntoskrnl.exe', 'hvix64.exe', 'hvax64.exe', 'hvaa64.exe') {
    $filePaths.Add([System.IO.Path]::Combine($system32, $image))
}
foreach ($path in $module.Params.files) {
    if ($filePaths -notcontains $path) {
        $filePaths.Add($path)
    }
}

$context = @{
    Files = $filePaths.ToArray()
    HashAlgorithms = @($module.Params.hash_algorithms)
}

$probes = [ordered]@{
    os_registry = Get-HvAzLocalOsRegistryProbe

    os_cim = {
        param($Context)
        $properties = 'Caption', 'Version', 'BuildNumber', 'CSDVersion', 'OperatingSystemSKU', 'ProductType', 'OSArchitecture', 'LastBootUpTime'
        $os = CimCmdlets\Get-CimInstance -ClassName Win32_OperatingSystem -Property $properties
        [ordered]@{
            caption = $os.Caption
            version = $os.Version
            build_number = $os.BuildNumber
            csd_version = $os.CSDVersion
            operating_system_sku = $os.OperatingSystemSKU
            product_type = $os.ProductType
            os_architecture = $os.OSArchitecture
            last_boot_up_time = $os.LastBootUpTime
        }
    }

    hardware = {
        param($Context)
        $systemProperties = 'Name', 'DNSHostName', 'Domain', 'PartOfDomain', 'Manufacturer', 'Model', 'HypervisorPresent'
        $system = CimCmdlets\Get-CimInstance -ClassName Win32_ComputerSystem -Property $systemProperties
        $cpuProperties = 'DeviceID', 'Manufacturer', 'Architecture', 'Name', 'NumberOfCores', 'NumberOfLogicalProcessors'
        $cpus = @(CimCmdlets\Get-CimInstance -ClassName Win32_Processor -Property $cpuProperties)
        [ordered]@{
            computer_system = [ordered]@{
                name = $system.Name
                dns_host_name = $system.DNSHostName
                domain = $system.Domain
                part_of_domain = $system.PartOfDomain
                manufacturer = $system.Manufacturer
                model = $system.Model
                hypervisor_present = $system.HypervisorPresent
            }
            processors = @(foreach ($cpu in $cpus) {
                    [ordered]@{
                        device_id = $cpu.DeviceID
                        manufacturer = $cpu.Manufacturer
                        architecture = $cpu.Architecture
                        name = $cpu.Name
                        number_of_cores = $cpu.NumberOfCores
                        number_of_logical_processors = $cpu.NumberOfLogicalProcessors
                    }
                })
        }
    }

    solution = {
        param($Context)
        # Azure Local only: the Lifecycle Manager's cmdlets do not exist on Windows Server (the probe returns null).
        $environmentCommand = Get-Command -Name Get-SolutionUpdateEnvironment -ErrorAction Ignore
        $stampCommand = Get-Command -Name Get-StampInformation -ErrorAction Ignore
        if (-not $environmentCommand -and -not $stampCommand) {
            return $null
        }
        $fallbackReason = $null
        if ($environmentCommand) {
            try {
                $environment = @(Get-SolutionUpdateEnvironment)[0]
                return [ordered]@{
                    source = 'Get-SolutionUpdateEnvironment'
                    current_version = $environment.CurrentVersion
                    current_sbe_version = $environment.CurrentSbeVersion
                    state = $environment.State
                    health_state = $environment.HealthState
                    last_updated = $environment.LastUpdated
                    last_checked = $environment.LastChecked
                    hardware_model = $environment.HardwareModel
                    sbe_family = $environment.SbeFamily
                }
            }
            catch {
                if (-not $stampCommand) {
                    throw
                }
                $fallbackReason = "Get-SolutionUpdateEnvironment failed: $($_.Exception.Message)"
            }
        }
        $stamp = Get-StampInformation
        [ordered]@{
            source = 'Get-StampInformation'
            stamp_version = $stamp.StampVersion
            services_version = $stamp.ServicesVersion
            installation_method = $stamp.InstallationMethod
            fallback_reason = $fallbackReason
        }
    }

    hyperv = {
        param($Context)
        $feature = CimCmdlets\Get-CimInstance -ClassName Win32_OptionalFeature -Filter "Name='Microsoft-Hyper-V'" -Property Name, InstallState
        $service = CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='vmms'" -Property Name, State, StartMode
        $featureState = $null
        if ($feature) {
            $featureState = [ordered]@{
                name = $feature.Name
                install_state = $feature.InstallState
            }
        }
        $serviceState = $null
        if ($service) {
            $serviceState = [ordered]@{
                name = $service.Name
                state = $service.State
                start_mode = $service.StartMode
            }
        }
        [ordered]@{
            optional_feature = $featureState
            vmms = $serviceState
        }
    }

    vmhost = {
        param($Context)
        # Only where Hyper-V is installed: its service exists exactly then, and the Hyper-V module loads only then.
        $service = CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='vmms'" -Property Name
        if ($null -eq $service) {
            return $null
        }
        $vmHost = Hyper-V\Get-VMHost
        $versions = @(Hyper-V\Get-VMHostSupportedVersion)
        [ordered]@{
            computer_name = $vmHost.ComputerName
            logical_processor_count = $vmHost.LogicalProcessorCount
            memory_capacity = $vmHost.MemoryCapacity
            virtual_machine_path = $vmHost.VirtualMachinePath
            virtual_hard_disk_path = $vmHost.VirtualHardDiskPath
            numa_spanning_enabled = $vmHost.NumaSpanningEnabled
            virtual_machine_migration_enabled = $vmHost.VirtualMachineMigrationEnabled
            maximum_virtual_machine_migrations = $vmHost.MaximumVirtualMachineMigrations
            maximum_storage_migrations = $vmHost.MaximumStorageMigrations
            virtual_machine_migration_authentication_type = $vmHost.VirtualMachineMigrationAuthenticationType
            virtual_machine_migration_performance_option = $vmHost.VirtualMachineMigrationPerformanceOption
            use_any_network_for_migration = $vmHost.UseAnyNetworkForMigration
            supported_versions = @(foreach ($version in $versions) {
                    [ordered]@{
                        name = $version.Name
                        version = $version.Version
                        is_default = $version.IsDefault
                    }
                })
        }
    }

    files = {
        param($Context)
        # FIPS-compliant implementations, created by name so that each algorithm reads the same buffer.
        $providers = @{
            sha1 = 'System.Security.Cryptography.SHA1CryptoServiceProvider'
            sha256 = 'System.Security.Cryptography.SHA256CryptoServiceProvider'
            sha384 = 'System.Security.Cryptography.SHA384CryptoServiceProvider'
            sha512 = 'System.Security.Cryptography.SHA512CryptoServiceProvider'
        }
        $buffer = New-Object -TypeName byte[] -ArgumentList 1048576
        $entries = @(foreach ($path in $Context.Files) {
                $entry = [ordered]@{
                    path = $path
                    exists = $false
                    size = $null
                    last_write_time_utc = $null
                    file_version_raw = $null
                    product_version_raw = $null
                    file_version = $null
                    product_version = $null
                    file_description = $null
                    product_name = $null
                    original_filename = $null
                    internal_name = $null
                    company_name = $null
                    hashes = [ordered]@{}
                    error = $null
                }
                try {
                    $info = New-Object -TypeName System.IO.FileInfo -ArgumentList $path
                    if ($info.Exists) {
                        $entry.exists = $true
                        $entry.size = $info.Length
                        $entry.last_write_time_utc = $info.LastWriteTimeUtc
                        $version = Get-HvAzLocalFileVersionInfo -Path $info.FullName
                        # What PowerShell shows as FileVersionRaw / ProductVersionRaw.
                        $entry.file_version_raw = '{0}.{1}.{2}.{3}' -f @(
                            $version.FileMajorPart, $version.FileMinorPart, $version.FileBuildPart, $version.FilePrivatePart)
                        $entry.product_version_raw = '{0}.{1}.{2}.{3}' -f @(
                            $version.ProductMajorPart, $version.ProductMinorPart, $version.ProductBuildPart, $version.ProductPrivatePart)
                        $entry.file_version = $version.FileVersion
                        $entry.product_version = $version.ProductVersion
                        $entry.file_description = $version.FileDescription
                        $entry.product_name = $version.ProductName
                        $entry.original_filename = $version.OriginalFilename
                        $entry.internal_name = $version.InternalName
                        $entry.company_name = $version.CompanyName

                        # One pass over the file feeds every requested algorithm.
                        $algorithms = @(foreach ($name in $Context.HashAlgorithms) {
                                New-Object -TypeName $providers[$name]
                            })
                        $share = [System.IO.FileShare]::ReadWrite -bor [System.IO.FileShare]::Delete
                        $stream = [System.IO.File]::Open($info.FullName, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, $share)
                        try {
                            while (($read = $stream.Read($buffer, 0, $buffer.Length)) -gt 0) {
                                foreach ($algorithm in $algorithms) {
                                    $null = $algorithm.TransformBlock($buffer, 0, $read, $null, 0)
                                }
                            }
                            for ($index = 0; $index -lt $algorithms.Count; $index++) {
                                $null = $algorithms[$index].TransformFinalBlock($buffer, 0, 0)
                                # Upper-case hex without separators, as Get-FileHash prints it.
                                $entry.hashes[[string]$Context.HashAlgorithms[$index]] = [BitConverter]::ToString($algorithms[$index].Hash).Replace('-', '')
                            }
                        }
                        finally {
                            $stream.Dispose()
                            foreach ($algorithm in $algorithms) {
                                $algorithm.Dispose()
                            }
                        }
                    }
                    elseif ([System.IO.Directory]::Exists($path)) {
                        $entry.error = 'the path is a directory, not a file'
                    }
                }
                catch {
                    # One unreadable file must not hide the others.
                    $entry.error = $_.Exception.Message
                }
                $entry
            })
        , $entries
    }

    signatures = {
        param($Context)
        $entries = @(foreach ($path in $Context.Files) {
                if (-not [System.IO.File]::Exists($path)) {
                    continue
                }
                try {
                    $signature = Microsoft.PowerShell.Security\Get-AuthenticodeSignature -LiteralPath $path
                    [ordered]@{
                        path = $path
                        status = $signature.Status
                        status_message = $signature.StatusMessage
                        signature_type = $signature.SignatureType
                        is_os_binary = $signature.IsOSBinary
                        signer_subject = $signature.SignerCertificate.Subject
                        signer_issuer = $signature.SignerCertificate.Issuer
                        signer_thumbprint = $signature.SignerCertificate.Thumbprint
                        signer_not_after = $signature.SignerCertificate.NotAfter
                        timestamper_subject = $signature.TimeStamperCertificate.Subject
                        error = $null
                    }
                }
                catch {
                    [ordered]@{
                        path = $path
                        status = $null
                        error = $_.Exception.Message
                    }
                }
            })
        , $entries
    }
}

foreach ($name in $module.Params.exclude_probes) {
    $probes.Remove($name)
}
if ($module.Params.include_vms) {
    # The host's VMs in the same round trip, read by the probes vm_info uses (vm_host, vms and
    # vm_cluster_groups here), so one call per Hyper-V host gives the facts role everything.
    $vmProbes = Get-HvAzLocalVmProbe
    $probes.vm_host = $vmProbes.host
    $probes.vms = $vmProbes.vms
    $probes.vm_cluster_groups = $vmProbes.cluster_groups
    $context.VmNames = @()
    $context.VmIncludes = @($module.Params.vm_include)
    $context.ClusterGroups = $true
}

$watch = [System.Diagnostics.Stopwatch]::StartNew()
$invokeParams = @{
    Module = $module
    Probe = $probes
    Context = $context
    Deadline = $deadline
    TimeoutSeconds = $module.Params.probe_timeout
    Strict = $module.Params.strict
}
$outcome = Invoke-HvAzLocalProbeSet @invokeParams

$hostFacts = [ordered]@{}
foreach ($name in $outcome.Data.Keys) {
    if ($name -notin @('vm_host', 'vms', 'vm_cluster_groups')) {
        $hostFacts[$name] = $outcome.Data[$name]
    }
}
if ($module.Params.include_vms) {
    # The same shape as vm_info's raw result, so the controller reads both the same way.
    $inventory = [ordered]@{
        host = $outcome.Data.vm_host
        vms = $null
        cluster_groups = $outcome.Data.vm_cluster_groups
    }
    $read = $outcome.Data.vms
    if ($null -ne $read) {
        foreach ($key in $read.Keys) {
            $inventory[$key] = $read[$key]
        }
    }
    $hostFacts.vm_inventory = $inventory
}
$hostFacts.excluded_probes = @($module.Params.exclude_probes)
$hostFacts.errors = @($outcome.Errors)
$hostFacts.probe_durations = $outcome.Durations
$hostFacts.duration = [Math]::Round($watch.Elapsed.TotalSeconds, 3)
$hostFacts.collected_at = $collectedAt

$module.Result.ansible_facts = @{
    hyperv_host = $hostFacts
}
$module.ExitJson()
