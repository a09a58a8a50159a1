# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# FOR INTERNAL COLLECTION USE ONLY.
#
# The probe runner shared by every hyperv.azlocal collector. A collector hands it an ordered table of
# named probes (small script blocks that READ one source each and return raw observations); the runner
#   * runs each probe as one script in a runspace of a pool, concurrently, all bounded by one deadline,
#   * turns every .NET value into something the module's JSON renders the same on every host
#     (DateTime -> UTC ISO 8601, enum -> name, Version -> string, TimeSpan -> seconds, byte[] -> base64),
#   * records when each probe finished, and
#   * turns a failed or timed-out probe into an entry of 'errors' (the original exception's type, message
#     and HResult) plus a warning, so the rest still returns.
# It never interprets what it reads: what the data means is decided on the controller, in Python.
#
# Written for Windows PowerShell 5.1 (.NET Framework 4.8); it also runs under PowerShell 7, where the tests
# run it. Two engine facts shape it:
#   * A PowerShell instance holding several statements, started with BeginInvoke on a runspace pool, never
#     signals completion (PowerShell/PowerShell#17250), so every probe is exactly one script.
#   * A probe blocked inside a .NET or native call cannot be stopped. The runner asks it to stop and
#     abandons it; a process that PowerShell started for this one module run then ends a few seconds after
#     the deadline even if the stuck thread would keep it alive (see Start-HvAzLocalExitWatchdog).
#
# Test seam: the readers below (registry values, the System32 folder, file version resources) are the only
# code that touches those Windows sources. When PowerShell runs on a non-Windows OS and the environment
# variable HVAZLOCAL_TEST_FIXTURE names a JSON file, they read that file instead; the collection's tests use
# it to give Linux a Windows host's registry and files. Windows PowerShell 5.1 has no $IsWindows variable and
# PowerShell 7 on Windows sets it to $true, so on every Windows host the variable is ignored.

Function Get-HvAzLocalProbeSpec {
    <#
    .SYNOPSIS
    The argument spec fragment shared by every collector that uses the probe runner.

    .DESCRIPTION
    Merged into a module's spec with [Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-HvAzLocalProbeSpec)).
    Documented by the doc fragment hyperv.azlocal.probe; keep both in step.
    #>
    @{
        options = @{
            probe_timeout = @{ type = 'int'; default = 30 }
            strict = @{ type = 'bool'; default = $false }
        }
    }
}

Function Get-HvAzLocalProbeDeadline {
    <#
    .SYNOPSIS
    Validates probe_timeout and returns the one deadline (UTC) every probe stage of a collector shares.

    .DESCRIPTION
    Called once at the start of a collector, so that a collector running its probes in stages cannot take
    longer in all than probe_timeout.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [object]
        $Module
    )

    $seconds = $Module.Params.probe_timeout
    if ($seconds -lt 1) {
        $Module.FailJson("probe_timeout must be at least 1 second, got $seconds")
    }
    [DateTime]::UtcNow.AddSeconds($seconds)
}

Function ConvertTo-HvAzLocalPlainValue {
    <#
    .SYNOPSIS
    Converts a .NET value into plain hashtables, arrays, strings, numbers and booleans.

    .DESCRIPTION
    ConvertTo-Json in Windows PowerShell 5.1 renders DateTime as "\/Date(...)\/", enums as numbers and
    nested objects as their type name past its depth; this conversion makes the JSON the controller
    receives independent of all that. Unknown object types become an ordered hashtable of their
    properties, down to MaxDepth levels; deeper values become their string form. Lists stay lists,
    also with zero or one element.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [AllowEmptyString()]
        [AllowEmptyCollection()]
        [object]
        $InputObject,

        [int]
        $MaxDepth = 6
    )

    if ($null -eq $InputObject) {
        return $null
    }
    # .psobject reaches the wrapper itself; $InputObject.BaseObject would read a key of a wrapped hashtable.
    if ($InputObject -is [System.Management.Automation.PSObject] -and
        $InputObject.psobject.BaseObject -isnot [System.Management.Automation.PSCustomObject]) {
        $InputObject = $InputObject.psobject.BaseObject
    }

    if ($InputObject -is [string] -or $InputObject -is [char]) {
        return [string]$InputObject
    }
    if ($InputObject -is [bool]) {
        return $InputObject
    }
    if ($InputObject -is [enum]) {
        return $InputObject.ToString()
    }
    if ($InputObject -is [DateTime]) {
        $format = 'yyyy-MM-ddTHH:mm:ss.fffffffZ'
        return $InputObject.ToUniversalTime().ToString($format, [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($InputObject -is [DateTimeOffset]) {
        $format = 'yyyy-MM-ddTHH:mm:ss.fffffffZ'
        return $InputObject.UtcDateTime.ToString($format, [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($InputObject -is [TimeSpan]) {
        return [Math]::Round($InputObject.TotalSeconds, 3)
    }
    if ($InputObject -is [Version] -or $InputObject -is [Guid]) {
        return $InputObject.ToString()
    }
    if ($InputObject -is [byte[]]) {
        return [Convert]::ToBase64String($InputObject)
    }
    if ($InputObject -is [double] -or $InputObject -is [single]) {
        # JSON has no NaN or Infinity.
        if ([double]::IsNaN($InputObject) -or [double]::IsInfinity($InputObject)) {
            return $InputObject.ToString([System.Globalization.CultureInfo]::InvariantCulture)
        }
        return $InputObject
    }
    if ($InputObject -is [ValueType]) {
        # int, long, uint64, decimal: JSON numbers as they are.
        return $InputObject
    }
    if ($MaxDepth -le 0) {
        return $InputObject.ToString()
    }

    if ($InputObject -is [System.Collections.IDictionary]) {
        $out = [ordered]@{}
        foreach ($key in $InputObject.Keys) {
            $out[[string]$key] = ConvertTo-HvAzLocalPlainValue -InputObject $InputObject[$key] -MaxDepth ($MaxDepth - 1)
        }
        return $out
    }
    if ($InputObject -is [System.Collections.IEnumerable]) {
        $items = [System.Collections.Generic.List[object]]@()
        foreach ($item in $InputObject) {
            $items.Add((ConvertTo-HvAzLocalPlainValue -InputObject $item -MaxDepth ($MaxDepth - 1)))
        }
        # The leading comma keeps a one-element or empty array an array when it is returned.
        return , $items.ToArray()
    }

    $out = [ordered]@{}
    foreach ($property in $InputObject.PSObject.Properties) {
        if ($property.MemberType -notin @('Property', 'NoteProperty', 'AliasProperty', 'ScriptProperty')) {
            continue
        }
        try {
            $value = $property.Value
        }
        catch {
            # A property getter that throws (common on CIM and Hyper-V objects) is recorded, not fatal.
            $value = $null
        }
        $out[$property.Name] = ConvertTo-HvAzLocalPlainValue -InputObject $value -MaxDepth ($MaxDepth - 1)
    }
    return $out
}

Function Get-HvAzLocalTestFixture {
    <#
    .SYNOPSIS
    The test fixture named by HVAZLOCAL_TEST_FIXTURE, on a non-Windows OS only; $null everywhere else.
    #>
    [CmdletBinding()]
    param ()

    # IsWindows does not exist in Windows PowerShell 5.1 and is $true in PowerShell 7 on Windows.
    $isWindowsVariable = Get-Variable -Name IsWindows -ValueOnly -ErrorAction Ignore
    $onWindows = $null -eq $isWindowsVariable -or $isWindowsVariable
    if ($onWindows -or -not $env:HVAZLOCAL_TEST_FIXTURE) {
        return $null
    }
    $path = $env:HVAZLOCAL_TEST_FIXTURE
    $fixture = [System.IO.File]::ReadAllText($path) | ConvertFrom-Json
    $fixture | Add-Member -NotePropertyName _folder -NotePropertyValue ([System.IO.Path]::GetDirectoryName($path)) -Force
    $fixture
}

Function Get-HvAzLocalRegistryValue {
    <#
    .SYNOPSIS
    Reads values of one key under HKLM, in the 64-bit view even from a 32-bit PowerShell.

    .DESCRIPTION
    Returns an ordered hashtable of value name -> value: the names given (a missing value is $null), or
    every value of the key when no name is given. When the key does not exist it throws, or returns $null
    with AllowMissing.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Path,

        [string[]]
        $Name,

        [switch]
        $AllowMissing
    )

    $fixture = Get-HvAzLocalTestFixture
    if ($null -ne $fixture) {
        $wanted = "HKLM\$Path"
        $section = $null
        if ($fixture.registry) {
            $section = @($fixture.registry.psobject.Properties | Where-Object { $_.Name -eq $wanted })[0]
        }
        if ($null -eq $section) {
            if ($AllowMissing) {
                return $null
            }
            throw "cannot open registry key HKLM\$Path (not in the test fixture)"
        }
        $values = [ordered]@{}
        foreach ($property in $section.Value.psobject.Properties) {
            $values[$property.Name] = $property.Value
        }
    }
    else {
        $hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
        try {
            $key = $hklm.OpenSubKey($Path)
            if ($null -eq $key -and $AllowMissing) {
                return $null
            }
            if ($null -eq $key) {
                throw "cannot open registry key HKLM\$Path"
            }
            try {
                $values = [ordered]@{}
                foreach ($valueName in $key.GetValueNames()) {
                    $values[$valueName] = $key.GetValue($valueName)
                }
            }
            finally {
                $key.Dispose()
            }
        }
        finally {
            $hklm.Dispose()
        }
    }

    if (-not $Name) {
        return $values
    }
    $selected = [ordered]@{}
    foreach ($valueName in $Name) {
        # Registry value names are case-insensitive; [ordered] keys are too.
        $selected[$valueName] = $values[$valueName]
    }
    $selected
}

Function Get-HvAzLocalSystemDirectory {
    <#
    .SYNOPSIS
    The native System32 folder: Sysnative from a 32-bit PowerShell on a 64-bit Windows (where System32 is
    redirected to SysWOW64, which has no ntoskrnl.exe or hypervisor image).
    #>
    [CmdletBinding()]
    param ()

    $fixture = Get-HvAzLocalTestFixture
    if ($null -ne $fixture -and $fixture.system_directory) {
        return [System.IO.Path]::Combine($fixture._folder, $fixture.system_directory)
    }
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
        return [System.IO.Path]::Combine([Environment]::GetFolderPath([Environment+SpecialFolder]::Windows), 'Sysnative')
    }
    [Environment]::SystemDirectory
}

Function Get-HvAzLocalFileVersionInfo {
    <#
    .SYNOPSIS
    The version resource of a file, as System.Diagnostics.FileVersionInfo has it.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Path
    )

    $fixture = Get-HvAzLocalTestFixture
    if ($null -ne $fixture -and $fixture.file_versions) {
        $leaf = [System.IO.Path]::GetFileName($Path)
        $entry = @($fixture.file_versions.psobject.Properties | Where-Object { $_.Name -eq $leaf })[0]
        if ($null -ne $entry) {
            return $entry.Value
        }
    }
    [System.Diagnostics.FileVersionInfo]::GetVersionInfo($Path)
}

Function Get-HvAzLocalOsRegistryProbe {
    <#
    .SYNOPSIS
    The probe of HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion, shared by host_facts and vm_info so
    that both return the same os_registry observation (snake_case names of the registry values).
    #>
    [CmdletBinding()]
    param ()

    {
        param($Context)
        $names = 'ProductName', 'EditionID', 'CompositionEditionID', 'InstallationType', 'DisplayVersion', 'ReleaseId',
        'CurrentVersion', 'CurrentBuild', 'CurrentBuildNumber', 'UBR', 'CurrentMajorVersionNumber',
        'CurrentMinorVersionNumber', 'BuildLabEx'
        $values = Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name $names
        [ordered]@{
            product_name = $values.ProductName
            edition_id = $values.EditionID
            composition_edition_id = $values.CompositionEditionID
            installation_type = $values.InstallationType
            display_version = $values.DisplayVersion
            release_id = $values.ReleaseId
            current_version = $values.CurrentVersion
            current_build = $values.CurrentBuild
            current_build_number = $values.CurrentBuildNumber
            ubr = $values.UBR
            current_major_version_number = $values.CurrentMajorVersionNumber
            current_minor_version_number = $values.CurrentMinorVersionNumber
            build_lab_ex = $values.BuildLabEx
        }
    }
}

Function Get-HvAzLocalVmProbe {
    <#
    .SYNOPSIS
    The probes of a host's VMs, shared by vm_info and host_facts (include_vms), so both return the same raw
    VM inventory: host (what the host offers), vms (one Get-VM, and the details of those VMs) and
    cluster_groups (one Get-ClusterGroup, where this host is a running cluster node).

    .DESCRIPTION
    The probes read the Context keys VmNames (-like patterns, all VMs when empty), VmIncludes
    (integration_services, network_adapters, hard_drives) and ClusterGroups (bool). vms and cluster_groups
    return $null where their source is absent (no running vmms or no Hyper-V module; no running cluster
    service or no FailoverClusters module), so that a host without Hyper-V answers with data, not errors;
    the host probe says which. vms returns an ordered table: vms (list), then one list per include.
    #>
    [CmdletBinding()]
    param ()

    [ordered]@{
        host = {
            param($Context)
            $filter = "Name='vmms' OR Name='ClusSvc'"
            $services = @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter $filter -Property Name, State)
            $vmms = @($services | Where-Object { $_.Name -eq 'vmms' })
            $clusSvc = @($services | Where-Object { $_.Name -eq 'ClusSvc' })
            [ordered]@{
                ComputerName = $env:COMPUTERNAME
                HyperVModule = [bool](Get-Module -ListAvailable -Name Hyper-V)
                FailoverClustersModule = [bool](Get-Module -ListAvailable -Name FailoverClusters)
                VmmsState = if ($vmms.Count -gt 0) { $vmms[0].State } else { $null }
                ClusterServiceState = if ($clusSvc.Count -gt 0) { $clusSvc[0].State } else { $null }
            }
        }
        vms = {
            param($Context)
            $service = @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='vmms'" -Property Name, State)
            if ($service.Count -eq 0 -or $service[0].State -ne 'Running' -or -not (Get-Module -ListAvailable -Name Hyper-V)) {
                return $null
            }
            # One Get-VM; the VM objects feed the detail cmdlets, so no VM is read twice.
            $names = @($Context.VmNames)
            $vms = @(Hyper-V\Get-VM | Where-Object {
                    $vmName = $_.Name
                    $names.Count -eq 0 -or @($names | Where-Object { $vmName -like $_ }).Count -gt 0
                })
            $result = [ordered]@{
                vms = @(foreach ($vm in $vms) {
                        [ordered]@{
                            Name = $vm.Name
                            Id = $vm.Id
                            State = $vm.State
                            Status = $vm.Status
                            Uptime = $vm.Uptime
                            Generation = $vm.Generation
                            Version = $vm.Version
                            ProcessorCount = $vm.ProcessorCount
                            MemoryStartup = $vm.MemoryStartup
                            MemoryAssigned = $vm.MemoryAssigned
                            MemoryMinimum = $vm.MemoryMinimum
                            MemoryMaximum = $vm.MemoryMaximum
                            DynamicMemoryEnabled = $vm.DynamicMemoryEnabled
                            IsClustered = $vm.IsClustered
                            ComputerName = $vm.ComputerName
                            Path = $vm.Path
                            Notes = $vm.Notes
                            CreationTime = $vm.CreationTime
                        }
                    })
            }
            $includes = @($Context.VmIncludes)
            if ($includes -contains 'integration_services') {
                $services = @(if ($vms.Count -gt 0) { Hyper-V\Get-VMIntegrationService -VM $vms })
                $result.integration_services = @(foreach ($item in $services) {
                        [ordered]@{
                            VMId = $item.VMId
                            VMName = $item.VMName
                            Name = $item.Name
                            Enabled = $item.Enabled
                            PrimaryStatusDescription = $item.PrimaryStatusDescription
                            SecondaryStatusDescription = $item.SecondaryStatusDescription
                        }
                    })
            }
            if ($includes -contains 'network_adapters') {
                $adapters = @(if ($vms.Count -gt 0) { Hyper-V\Get-VMNetworkAdapter -VM $vms })
                $result.network_adapters = @(foreach ($item in $adapters) {
                        [ordered]@{
                            VMId = $item.VMId
                            VMName = $item.VMName
                            Name = $item.Name
                            MacAddress = $item.MacAddress
                            SwitchName = $item.SwitchName
                            Connected = $item.Connected
                            DynamicMacAddressEnabled = $item.DynamicMacAddressEnabled
                            IPAddresses = @($item.IPAddresses)
                        }
                    })
            }
            if ($includes -contains 'hard_drives') {
                $drives = @(if ($vms.Count -gt 0) { Hyper-V\Get-VMHardDiskDrive -VM $vms })
                $result.hard_drives = @(foreach ($item in $drives) {
                        [ordered]@{
                            VMId = $item.VMId
                            VMName = $item.VMName
                            Name = $item.Name
                            Path = $item.Path
                            ControllerType = $item.ControllerType
                            ControllerNumber = $item.ControllerNumber
                            ControllerLocation = $item.ControllerLocation
                            DiskNumber = $item.DiskNumber
                        }
                    })
            }
            $result
        }
        cluster_groups = {
            param($Context)
            if (-not $Context.ClusterGroups) {
                return $null
            }
            $service = @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='ClusSvc'" -Property Name, State)
            if ($service.Count -eq 0 -or $service[0].State -ne 'Running' -or -not (Get-Module -ListAvailable -Name FailoverClusters)) {
                return $null
            }
            # One bulk read of the local cluster's groups (no remoting): corroborates the resource bridge VM
            # and gives each clustered VM its owner node. Wrapped so an empty list stays distinguishable
            # from "not read".
            [ordered]@{
                Groups = @(foreach ($group in @(FailoverClusters\Get-ClusterGroup)) {
                        [ordered]@{
                            Name = $group.Name
                            Id = $group.Id
                            GroupType = $group.GroupType
                            State = $group.State
                            OwnerNode = $group.OwnerNode.Name
                            Priority = $group.Priority
                            IsCoreGroup = $group.IsCoreGroup
                        }
                    })
            }
        }
    }
}

Function Start-HvAzLocalExitWatchdog {
    <#
    .SYNOPSIS
    Makes sure the module process ends although an abandoned probe is stuck in a call that cannot be stopped.

    .DESCRIPTION
    PowerShell stops every pipeline before its process exits, and waits for it: a probe blocked in a .NET or
    native call would keep the process, and Ansible's task, waiting forever. After GraceSeconds (the module
    has written its result by then) a background thread ends the process. It is armed only in a process
    that PowerShell was started in for this one command (-EncodedCommand: how Ansible's winrm, ssh and
    local connections run a module), never in a PSRP session host, which outlives the task; there the stuck
    thread ends with the session. Nothing else is left behind by the module; a query that a Windows service
    was serving for the probe (WMI provider host, cluster service) finishes there and is discarded.
    #>
    [CmdletBinding()]
    param (
        [int]
        $GraceSeconds = 10
    )

    if ($script:exitWatchdog) {
        return
    }
    $arguments = @([Environment]::GetCommandLineArgs() | Select-Object -Skip 1)
    if (-not ($arguments -contains '-EncodedCommand')) {
        return
    }
    # No script can run on the watchdog's thread (it has no runspace): it is a chain of two .NET delegates,
    # wait then end this process.
    $wait = [Delegate]::CreateDelegate([System.Threading.ThreadStart], [System.Threading.Tasks.Task]::Delay($GraceSeconds * 1000), 'Wait')
    $end = [Delegate]::CreateDelegate([System.Threading.ThreadStart], [System.Diagnostics.Process]::GetCurrentProcess(), 'Kill')
    $thread = New-Object -TypeName System.Threading.Thread -ArgumentList ([Delegate]::Combine($wait, $end))
    $thread.IsBackground = $true
    $thread.Start()
    $script:exitWatchdog = $thread
}

Function Get-HvAzLocalProbeError {
    <#
    .SYNOPSIS
    The error entry of a failed probe: the exception that was raised where the probe failed, not the
    wrappers PowerShell put around it (ActionPreferenceStopException, MethodInvocationException).
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Name,

        [Parameter(Mandatory = $true)]
        [object]
        $Exception,

        [object]
        $ErrorRecord
    )

    $record = $ErrorRecord
    # $ErrorActionPreference = 'Stop' turns an error into an ActionPreferenceStopException that carries the
    # original error record. A ParentContainsErrorRecordException in a record only says "see the exception".
    if ($null -eq $record -and $Exception -is [System.Management.Automation.IContainsErrorRecord]) {
        $record = $Exception.ErrorRecord
    }
    if ($null -ne $record -and $null -ne $record.Exception -and
        $record.Exception -isnot [System.Management.Automation.ParentContainsErrorRecordException]) {
        $Exception = $record.Exception
    }
    else {
        $record = $null
    }
    # 'throw $exception' of a .NET exception wraps it in a plain RuntimeException.
    while (($Exception.GetType() -eq [System.Management.Automation.RuntimeException] -or
            $Exception -is [System.Management.Automation.MethodInvocationException] -or
            $Exception -is [System.Management.Automation.CmdletInvocationException] -or
            $Exception -is [System.Reflection.TargetInvocationException] -or
            $Exception -is [System.AggregateException]) -and $null -ne $Exception.InnerException) {
        $Exception = $Exception.InnerException
    }
    $nativeCode = $null
    if ($Exception.psobject.Properties['NativeErrorCode']) {
        $nativeCode = [string]$Exception.NativeErrorCode
    }
    [ordered]@{
        probe = $Name
        type = $Exception.GetType().Name
        message = if ($null -ne $record -and [object]::ReferenceEquals($record.Exception, $Exception)) { $record.ToString() } else { $Exception.Message }
        hresult = $Exception.HResult
        native_error_code = $nativeCode
    }
}

Function Invoke-HvAzLocalProbeSet {
    <#
    .SYNOPSIS
    Runs named read-only probes concurrently, all bounded by one deadline, and collects their raw output.

    .DESCRIPTION
    Every probe is a script block run in a runspace of a pool, in a scope of its own, so a probe sees
    neither the module's variables, nor another probe's, nor the functions of this file other than the
    readers (Get-HvAzLocalRegistryValue, Get-HvAzLocalSystemDirectory, Get-HvAzLocalFileVersionInfo). It
    receives one argument, the Context hashtable, runs with $ErrorActionPreference = 'Stop', and returns
    what it read; a probe that returns a list writes it as one object (, @(...)) so that a list of zero or
    one element stays a list. A probe that throws, writes an error record, or has not finished at the
    deadline is recorded in Errors (probe, type, message, hresult, native_error_code: those of the
    original exception) and in a warning; the others are unaffected. With Strict, any such error fails the
    module instead, naming every failed probe.

    Returns a hashtable: Data (probe name -> plain value, $null for a failed probe), Errors (list),
    Durations (probe name -> seconds from the start of the set until the probe finished or was abandoned).

    .PARAMETER Module
    The Ansible.Basic.AnsibleModule of the calling collector.

    .PARAMETER Probe
    An ordered dictionary of probe name -> script block.

    .PARAMETER Context
    Values handed to every probe as its only argument (for example the module options it needs).

    .PARAMETER Deadline
    When (UTC) every probe must have finished: from Get-HvAzLocalProbeDeadline, shared by all stages.

    .PARAMETER TimeoutSeconds
    probe_timeout, for the message of a probe that did not finish.

    .PARAMETER Strict
    Fail the module when any probe fails.

    .PARAMETER ThrottleLimit
    How many probes run at the same time; by default all of them, so the slowest probe alone sets the time.

    .PARAMETER LanguageMode
    The language mode of the probes' runspaces. Runspaces that trusted (signed) module code creates run in
    FullLanguage, also under Windows Defender Application Control; the tests set ConstrainedLanguage to show
    what each probe reports where that does not hold.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [object]
        $Module,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Probe,

        [System.Collections.IDictionary]
        $Context = @{},

        [Parameter(Mandatory = $true)]
        [DateTime]
        $Deadline,

        [int]
        $TimeoutSeconds = 30,

        [switch]
        $Strict,

        [int]
        $ThrottleLimit = 0,

        [System.Management.Automation.PSLanguageMode]
        $LanguageMode = [System.Management.Automation.PSLanguageMode]::FullLanguage
    )

    $data = [ordered]@{}
    $durations = [ordered]@{}
    $errors = [System.Collections.Generic.List[object]]@()
    foreach ($name in $Probe.Keys) {
        $data[[string]$name] = $null
    }
    if ($Probe.Count -eq 0) {
        return @{ Data = $data; Errors = @(); Durations = $durations }
    }

    # The readers are the only functions of this file a probe can call.
    $sessionState = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $sessionState.LanguageMode = $LanguageMode
    foreach ($reader in 'Get-HvAzLocalTestFixture', 'Get-HvAzLocalRegistryValue', 'Get-HvAzLocalSystemDirectory', 'Get-HvAzLocalFileVersionInfo') {
        $definition = (Get-Command -Name $reader -CommandType Function).ScriptBlock.ToString()
        $entry = New-Object -TypeName System.Management.Automation.Runspaces.SessionStateFunctionEntry -ArgumentList $reader, $definition
        $sessionState.Commands.Add($entry)
    }
    $poolSize = if ($ThrottleLimit -gt 0) { [Math]::Min($ThrottleLimit, $Probe.Count) } else { $Probe.Count }
    $pool = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspacePool($sessionState)
    $null = $pool.SetMaxRunspaces($poolSize)
    $pool.Open()

    # One script per probe: a local scope of its own (AddScript's useLocalScope), the probe in a child scope.
    # The probe's output objects are collected as they were written and returned as one list, so that a
    # list the probe wrote as one object is not unrolled on its way out of the script. (No New-Object here:
    # its module would be loaded into every runspace of the pool, which costs more than the probe.)
    $wrapper = @'
param($ProbeScript, $Context)
$ErrorActionPreference = 'Stop'
$output = [System.Collections.Generic.List[object]]::new()
& ([scriptblock]::Create($ProbeScript)) $Context | ForEach-Object { $output.Add($_) }
, $output
'@
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $pending = [System.Collections.Generic.List[object]]@()
    foreach ($name in $Probe.Keys) {
        $ps = [PowerShell]::Create()
        $ps.RunspacePool = $pool
        $null = $ps.AddScript($wrapper, $true).AddArgument($Probe[$name].ToString()).AddArgument($Context)
        $pending.Add(@{
                Name = [string]$name
                PowerShell = $ps
                Handle = $ps.BeginInvoke()
            })
    }

    $abandoned = $false
    while ($pending.Count -gt 0) {
        $remaining = [int][Math]::Max(0, [Math]::Min([int]::MaxValue, ($Deadline - [DateTime]::UtcNow).TotalMilliseconds))
        # WaitAny takes at most 64 handles; the others are waited for in a later round.
        $batch = @($pending | Select-Object -First 64)
        $handles = [System.Threading.WaitHandle[]]@($batch | ForEach-Object { $_.Handle.AsyncWaitHandle })
        $index = [System.Threading.WaitHandle]::WaitAny($handles, $remaining)
        if ($index -eq [System.Threading.WaitHandle]::WaitTimeout) {
            break
        }
        $job = $batch[$index]
        $null = $pending.Remove($job)
        $name = $job.Name
        $ps = $job.PowerShell
        $durations[$name] = [Math]::Round($watch.Elapsed.TotalSeconds, 3)
        try {
            $output = $ps.EndInvoke($job.Handle)
            if ($ps.Streams.Error.Count -gt 0) {
                $record = $ps.Streams.Error[0]
                $errors.Add((Get-HvAzLocalProbeError -Name $name -Exception $record.Exception -ErrorRecord $record))
            }
            else {
                # Plain statements, not "$value = if ...": the output of an if statement is unrolled.
                $written = $output[0]
                $value = $null
                if ($written.Count -eq 1) {
                    $value = $written[0]
                }
                elseif ($written.Count -gt 1) {
                    $value = $written.ToArray()
                }
                $data[$name] = ConvertTo-HvAzLocalPlainValue -InputObject $value
            }
        }
        catch {
            $reason = $ps.InvocationStateInfo.Reason
            if ($null -eq $reason) {
                $reason = $_.Exception
            }
            $errors.Add((Get-HvAzLocalProbeError -Name $name -Exception $reason))
        }
        finally {
            $ps.Dispose()
        }
    }

    foreach ($job in $pending) {
        $name = $job.Name
        $durations[$name] = [Math]::Round($watch.Elapsed.TotalSeconds, 3)
        $errors.Add([ordered]@{
                probe = $name
                type = 'TimeoutException'
                message = "probe '$name' did not finish within $TimeoutSeconds seconds (probe_timeout)"
                hresult = $null
                native_error_code = $null
            })
        # Ask it to stop without waiting: a stuck WMI or cmdlet call must not hold the module.
        $null = $job.PowerShell.BeginStop($null, $null)
        $abandoned = $true
    }
    if ($abandoned) {
        # Closing the pool would wait for the stuck probe; it goes with the process instead.
        Start-HvAzLocalExitWatchdog
    }
    else {
        $pool.Close()
        $pool.Dispose()
    }

    # Errors in the order of the probe table, whatever order the probes finished in.
    $names = @($Probe.Keys | ForEach-Object { [string]$_ })
    $sorted = @($errors | Sort-Object -Property { [Array]::IndexOf($names, $_.probe) })
    foreach ($entry in $sorted) {
        $Module.Warn("$($entry.probe): $($entry.message)")
    }
    if ($Strict -and $sorted.Count -gt 0) {
        $failed = ($sorted | ForEach-Object { $_.probe }) -join ', '
        $Module.Result.errors = $sorted
        $Module.FailJson("strict is set and $($sorted.Count) probe(s) failed: $failed")
    }

    @{
        Data = $data
        Errors = $sorted
        Durations = $durations
    }
}

Function Add-HvAzLocalProbeOutcome {
    <#
    .SYNOPSIS
    Merges one Invoke-HvAzLocalProbeSet outcome into the module result of a collector that returns raw data.

    .DESCRIPTION
    Collectors whose action plugin interprets their observations return them under _raw, with errors and
    durations beside them. A collector that runs its probes in stages (a quick look at what the host offers,
    then the main queries) calls this after each stage, so the result reads as one set of probes.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [object]
        $Module,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Outcome
    )

    if ($null -eq $Module.Result._raw) {
        $Module.Result._raw = [ordered]@{}
    }
    if ($null -eq $Module.Result.durations) {
        $Module.Result.durations = [ordered]@{}
    }
    $Module.Result.errors = @(@($Module.Result.errors) + @($Outcome.Errors) | Where-Object { $null -ne $_ })
    foreach ($key in $Outcome.Data.Keys) {
        $Module.Result._raw[$key] = $Outcome.Data[$key]
        $Module.Result.durations[$key] = $Outcome.Durations[$key]
    }
}

$exportMembers = @{
    Function = @(
        'Add-HvAzLocalProbeOutcome'
        'ConvertTo-HvAzLocalPlainValue'
        'Get-HvAzLocalFileVersionInfo'
        'Get-HvAzLocalOsRegistryProbe'
        'Get-HvAzLocalProbeDeadline'
        'Get-HvAzLocalProbeSpec'
        'Get-HvAzLocalRegistryValue'
        'Get-HvAzLocalSystemDirectory'
        'Get-HvAzLocalTestFixture'
        'Get-HvAzLocalVmProbe'
        'Invoke-HvAzLocalProbeSet'
    )
}
Export-ModuleMember @exportMembers
