# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test harness for the collectors under Pester: compiles Ansible.Basic from the installed ansible-core the
# way Ansible's exec wrapper does (Ansible.ModuleUtils.AddType), and runs a collector .ps1 in a fresh
# runspace built like the wrapper builds it (InitialSessionState.CreateDefault2, ErrorActionPreference Stop,
# module_utils imported as global modules), against one fake Windows host (a fixture JSON file and the fake
# modules it lists on PSModulePath). ExitJson / FailJson are caught through Ansible.Basic's public static
# Exit and WriteLine delegates, so the test process keeps running.

Set-StrictMode -Version 3.0

$script:Root = (Resolve-Path -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath '../../..')).Path
$script:FakeModuleRoot = Join-Path -Path $script:Root -ChildPath 'tests/powershell/fakes/modules'
$script:FixtureRoot = Join-Path -Path $script:Root -ChildPath 'tests/powershell/fixtures'
$script:AnsiblePath = $null

Function Get-HvAzLocalTestRoot {
    <#
    .SYNOPSIS
    The root of the collection checkout.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param ()
    $script:Root
}

Function Get-HvAzLocalFixturePath {
    <#
    .SYNOPSIS
    The path of a fixture by name (tests/powershell/fixtures/<Name>.json).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Name
    )

    $path = Join-Path -Path $script:FixtureRoot -ChildPath "$Name.json"
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw "no fixture '$Name' ($path)"
    }
    $path
}

Function Get-HvAzLocalAnsiblePath {
    <#
    .SYNOPSIS
    The folder of the ansible package (ansible-core) whose Ansible.Basic.cs and exec wrapper utilities are used.

    .DESCRIPTION
    HVAZLOCAL_ANSIBLE_PATH when set; else asked of the first Python that imports ansible: python, python3,
    then the checkout's .venv.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param ()

    if ($script:AnsiblePath) {
        return $script:AnsiblePath
    }
    $candidates = @()
    if ($env:HVAZLOCAL_ANSIBLE_PATH) {
        $candidates += , @('path', $env:HVAZLOCAL_ANSIBLE_PATH)
    }
    foreach ($python in @('python', 'python3', (Join-Path -Path $script:Root -ChildPath '.venv/bin/python'))) {
        $candidates += , @('python', $python)
    }
    $tried = @()
    foreach ($candidate in $candidates) {
        $path = $null
        if ($candidate[0] -eq 'path') {
            $path = $candidate[1]
        }
        elseif (Get-Command -Name $candidate[1] -CommandType Application -ErrorAction Ignore) {
            $path = & $candidate[1] -c 'import ansible, os; print(os.path.dirname(ansible.__file__))' 2>$null
        }
        $tried += "$($candidate[1])"
        if ($path -and (Test-Path -LiteralPath (Join-Path -Path $path -ChildPath 'module_utils/csharp/Ansible.Basic.cs'))) {
            $script:AnsiblePath = [string]$path
            return $script:AnsiblePath
        }
    }
    throw ("ansible-core not found (tried: $($tried -join ', ')): set HVAZLOCAL_ANSIBLE_PATH to the folder of the ansible package, " +
        "or put the project's virtualenv first on PATH")
}

Function Initialize-HvAzLocalAnsibleBasic {
    <#
    .SYNOPSIS
    Compiles Ansible.Basic into this process once, as the exec wrapper does (Add-CSharpType).
    #>
    [CmdletBinding()]
    param ()

    if ('Ansible.Basic.AnsibleModule' -as [type]) {
        return
    }
    $ansible = Get-HvAzLocalAnsiblePath
    Import-Module -Name (Join-Path -Path $ansible -ChildPath 'module_utils/powershell/Ansible.ModuleUtils.AddType.psm1') -Scope Global
    $source = Get-Content -LiteralPath (Join-Path -Path $ansible -ChildPath 'module_utils/csharp/Ansible.Basic.cs') -Raw
    Add-CSharpType -References @($source)
}

Function Get-HvAzLocalFakeModulePath {
    <#
    .SYNOPSIS
    The PSModulePath for a fake host: one root per fake module the fixture lists, before $PSHOME/Modules.

    .DESCRIPTION
    Each fake module has a root of its own, so a module the fixture does not list is absent for that host
    (Get-Module -ListAvailable does not see it, a module-qualified call cannot load it). The fakes come
    before $PSHOME/Modules so that the fake Microsoft.PowerShell.Security replaces the built-in one.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param (
        [AllowEmptyCollection()]
        [string[]]
        $Module = @(),

        [string]
        $BasePath = $env:PSModulePath
    )

    $separator = [System.IO.Path]::PathSeparator
    $roots = [System.Collections.Generic.List[string]]@()
    foreach ($name in $Module) {
        $root = Join-Path -Path $script:FakeModuleRoot -ChildPath $name
        if (-not (Test-Path -LiteralPath (Join-Path -Path $root -ChildPath "$name/$name.psd1"))) {
            throw "no fake module '$name' under $script:FakeModuleRoot"
        }
        $roots.Add($root)
    }
    $psHomeModules = Join-Path -Path $PSHOME -ChildPath 'Modules'
    $roots.Add($psHomeModules)
    foreach ($entry in @($BasePath -split [regex]::Escape([string]$separator))) {
        if ($entry -and $entry -ne $psHomeModules -and -not $entry.StartsWith($script:FakeModuleRoot)) {
            $roots.Add($entry)
        }
    }
    $roots -join $separator
}

Function Read-HvAzLocalFixture {
    <#
    .SYNOPSIS
    A fixture file as nested hashtables.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Path
    )

    Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json -AsHashtable -DateKind String
}

Function New-HvAzLocalFixtureVariant {
    <#
    .SYNOPSIS
    Writes a changed copy of a fixture (for one test) and returns its path.

    .DESCRIPTION
    Paths the fixture gives relative to its folder (system_directory, certificates) are made absolute so the
    copy works from any folder. Change receives the fixture hashtable and edits it in place.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Fixture,

        [Parameter(Mandatory = $true)]
        [scriptblock]
        $Change,

        [Parameter(Mandatory = $true)]
        [string]
        $Destination
    )

    $source = Get-HvAzLocalFixturePath -Name $Fixture
    $folder = Split-Path -Path $source -Parent
    $data = Read-HvAzLocalFixture -Path $source
    if ($data.ContainsKey('system_directory') -and -not [System.IO.Path]::IsPathRooted([string]$data['system_directory'])) {
        $data['system_directory'] = Join-Path -Path $folder -ChildPath $data['system_directory']
    }
    if ($data.ContainsKey('authenticode')) {
        foreach ($entry in $data['authenticode'].Values) {
            foreach ($key in 'signer_certificate', 'time_stamper_certificate') {
                if ($entry.ContainsKey($key) -and $entry[$key] -and -not [System.IO.Path]::IsPathRooted([string]$entry[$key])) {
                    $entry[$key] = Join-Path -Path $folder -ChildPath $entry[$key]
                }
            }
        }
    }
    $null = & $Change $data
    $data | ConvertTo-Json -Depth 32 | Set-Content -LiteralPath $Destination -Encoding utf8
    $Destination
}

Function Invoke-HvAzLocalCollector {
    <#
    .SYNOPSIS
    Runs plugins/modules/<Name>.ps1 like Ansible's exec wrapper would, on one fake host, and returns its result.

    .DESCRIPTION
    Returns an object with ExitCode (0 ExitJson, 1 FailJson), Result (the module's JSON as hashtables),
    Json (the text) and Seconds (wall time of the module). Fixture: a fixture name or path; $null runs the
    collector with no fakes at all (what a Linux host without them offers). The fixture's 'environment'
    entries (COMPUTERNAME) are set for the run and restored afterwards, as are PSModulePath and
    HVAZLOCAL_TEST_FIXTURE.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [ValidateSet('host_facts', 'vm_info', 'cluster_info', 'win_guest_facts')]
        [string]
        $Name,

        [System.Collections.IDictionary]
        $Arguments = @{},

        [AllowNull()]
        [string]
        $Fixture,

        [switch]
        $CheckMode
    )

    Initialize-HvAzLocalAnsibleBasic
    $fixturePath = $null
    $modules = @()
    $environment = @{}
    if ($Fixture) {
        if (Test-Path -LiteralPath $Fixture -PathType Leaf) {
            $fixturePath = (Resolve-Path -LiteralPath $Fixture).Path
        }
        else {
            $fixturePath = Get-HvAzLocalFixturePath -Name $Fixture
        }
        $data = Read-HvAzLocalFixture -Path $fixturePath
        if ($data.ContainsKey('modules')) {
            $modules = @($data['modules'])
        }
        if ($data.ContainsKey('environment')) {
            $environment = $data['environment']
        }
    }

    $moduleArgs = [ordered]@{}
    foreach ($key in $Arguments.Keys) {
        $moduleArgs[$key] = $Arguments[$key]
    }
    $moduleArgs['_ansible_check_mode'] = [bool]$CheckMode
    $moduleArgs['_ansible_module_name'] = "hyperv.azlocal.$Name"
    $moduleArgs['_ansible_remote_tmp'] = [System.IO.Path]::GetTempPath()
    $argsFile = [System.IO.Path]::GetTempFileName()
    @{ ANSIBLE_MODULE_ARGS = $moduleArgs } | ConvertTo-Json -Depth 16 | Set-Content -LiteralPath $argsFile -Encoding utf8

    $saved = @{}
    $variables = @('HVAZLOCAL_TEST_FIXTURE', 'PSModulePath') + @($environment.Keys)
    foreach ($variable in $variables) {
        $saved[$variable] = [Environment]::GetEnvironmentVariable($variable)
    }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $ps = $null
    try {
        [Environment]::SetEnvironmentVariable('HVAZLOCAL_TEST_FIXTURE', $fixturePath)
        [Environment]::SetEnvironmentVariable('PSModulePath', (Get-HvAzLocalFakeModulePath -Module $modules))
        foreach ($key in $environment.Keys) {
            [Environment]::SetEnvironmentVariable($key, [string]$environment[$key])
        }

        $psm1 = Join-Path -Path $script:Root -ChildPath 'plugins/module_utils/_HvAzLocalProbe.psm1'
        $collector = Join-Path -Path $script:Root -ChildPath "plugins/modules/$Name.ps1"
        $ps = [PowerShell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        $ps.Runspace.SessionStateProxy.SetVariable('ErrorActionPreference', 'Stop')
        $null = $ps.AddScript(@'
[Ansible.Basic.AnsibleModule]::Exit = { param([int]$rc) throw "hvazlocal-test-exit: $rc" }
[Ansible.Basic.AnsibleModule]::WriteLine = { param([string]$line) Set-Variable -Name HvAzLocalModuleOutput -Value $line -Scope Global }
'@).AddStatement()
        $null = $ps.AddScript(@'
New-Module -Name $args[0] -ScriptBlock ([scriptblock]::Create($args[1])) | Import-Module -Scope Global -WarningAction SilentlyContinue
'@).AddArgument('_HvAzLocalProbe').AddArgument((Get-Content -LiteralPath $psm1 -Raw)).AddStatement()
        $null = $ps.AddScript((Get-Content -LiteralPath $collector -Raw)).AddArgument($argsFile)

        $exitCode = $null
        $failure = $null
        try {
            $null = $ps.Invoke()
        }
        catch {
            $exception = $_.Exception
            while ($exception) {
                $match = [regex]::Match($exception.Message, 'hvazlocal-test-exit: (\d+)')
                if ($match.Success) {
                    $exitCode = [int]$match.Groups[1].Value
                    break
                }
                $exception = $exception.InnerException
            }
            if ($null -eq $exitCode) {
                $failure = $_
            }
        }
        if ($null -eq $exitCode -and $null -eq $failure) {
            # Exit throws inside ExitJson; with the module's ErrorActionPreference the record may end up in
            # the error stream instead of ending Invoke().
            foreach ($record in $ps.Streams.Error) {
                $match = [regex]::Match($record.Exception.ToString(), 'hvazlocal-test-exit: (\d+)')
                if ($match.Success) {
                    $exitCode = [int]$match.Groups[1].Value
                    break
                }
            }
        }
        $json = $ps.Runspace.SessionStateProxy.GetVariable('HvAzLocalModuleOutput')
        if ($null -ne $failure) {
            throw "collector $Name did not exit through Ansible.Basic: $($failure.Exception.Message)`n$($failure.ScriptStackTrace)"
        }
        if ($null -eq $exitCode) {
            $streamErrors = @($ps.Streams.Error | ForEach-Object { "$_ $($_.ScriptStackTrace)" }) -join "`n"
            throw "collector $Name returned without calling ExitJson or FailJson. Errors: $streamErrors"
        }
        [pscustomobject]@{
            ExitCode = $exitCode
            Result = if ($json) { $json | ConvertFrom-Json -AsHashtable -DateKind String } else { $null }
            Json = $json
            Seconds = $watch.Elapsed.TotalSeconds
        }
    }
    finally {
        if ($ps) {
            $ps.Dispose()
        }
        foreach ($variable in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($variable, $saved[$variable])
        }
        Remove-Item -LiteralPath $argsFile -ErrorAction Ignore
    }
}

Function Get-HvAzLocalFakeCallCount {
    <#
    .SYNOPSIS
    How often the fakes were called in this process, per command (Get-CimInstance counts every class).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param (
        # Forget the counts after reading them.
        [switch]
        $Reset
    )

    $lock = [System.AppDomain]::CurrentDomain
    [System.Threading.Monitor]::Enter($lock)
    try {
        $counts = @{}
        $calls = $lock.GetData('HvAzLocalFakeCalls')
        if ($null -ne $calls) {
            foreach ($key in $calls.Keys) {
                $counts[$key] = $calls[$key]
            }
            if ($Reset) {
                $calls.Clear()
            }
        }
        $counts
    }
    finally {
        [System.Threading.Monitor]::Exit($lock)
    }
}

Function Get-HvAzLocalProbeError {
    <#
    .SYNOPSIS
    The errors entry of one probe in a collector result (host_facts keeps them under ansible_facts.hyperv_host).
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Result,

        [Parameter(Mandatory = $true)]
        [string]
        $Probe
    )

    $errors = $Result['errors']
    if ($null -eq $errors -and $Result.ContainsKey('ansible_facts')) {
        $errors = $Result['ansible_facts']['hyperv_host']['errors']
    }
    # The leading comma keeps a list of one a list.
    , @($errors | Where-Object { $_['probe'] -eq $Probe })
}

$exportMembers = @{
    Function = @(
        'Get-HvAzLocalAnsiblePath'
        'Get-HvAzLocalFakeCallCount'
        'Get-HvAzLocalFakeModulePath'
        'Get-HvAzLocalFixturePath'
        'Get-HvAzLocalProbeError'
        'Get-HvAzLocalTestRoot'
        'Initialize-HvAzLocalAnsibleBasic'
        'Invoke-HvAzLocalCollector'
        'New-HvAzLocalFixtureVariant'
        'Read-HvAzLocalFixture'
    )
}
Export-ModuleMember @exportMembers
