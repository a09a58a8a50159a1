# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Shared by the fake Windows modules under tests/powershell/fakes/modules (test doubles of CimCmdlets,
# Hyper-V, FailoverClusters, ...). One JSON file describes one fake Windows host; its path is in the
# environment variable HVAZLOCAL_TEST_FIXTURE (the same file the collection's registry and file-version
# readers use). See tests/powershell/README.md for the fixture format.

Set-StrictMode -Version 3.0

Function Get-HvAzLocalFakeFixture {
    <#
    .SYNOPSIS
    The fixture of the fake host this process stands for, as nested hashtables (cached per file).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param (
        # Which fake asks: named in the error when no fixture is set.
        [Parameter(Mandatory = $true)]
        [string]
        $Caller
    )

    $path = $env:HVAZLOCAL_TEST_FIXTURE
    if (-not $path) {
        throw "fake module '$Caller': the environment variable HVAZLOCAL_TEST_FIXTURE names no fixture file; the fake Windows modules only run in tests"
    }
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw "fake module '$Caller': fixture file '$path' (HVAZLOCAL_TEST_FIXTURE) does not exist"
    }
    $item = Get-Item -LiteralPath $path
    # Probes run in runspaces of their own, each importing the fakes again: keep one parsed copy per process.
    $cacheKey = 'HvAzLocalFake:' + $item.FullName + ':' + $item.LastWriteTimeUtc.Ticks
    $cached = [System.AppDomain]::CurrentDomain.GetData($cacheKey)
    if ($null -ne $cached) {
        return $cached
    }
    try {
        $fixture = Get-Content -LiteralPath $item.FullName -Raw | ConvertFrom-Json -AsHashtable -DateKind String
    }
    catch {
        throw "fake module '$Caller': fixture file '$path' is not valid JSON: $($_.Exception.Message)"
    }
    $fixture['__path'] = $item.FullName
    [System.AppDomain]::CurrentDomain.SetData($cacheKey, $fixture)
    $fixture
}

Function Get-HvAzLocalFakeSection {
    <#
    .SYNOPSIS
    A top-level section of the fixture; a clear error when a fake needs one the fixture lacks.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Caller,

        [Parameter(Mandatory = $true)]
        [string]
        $Name,

        # Return $null instead of failing when the section is missing.
        [switch]
        $Optional
    )

    $fixture = Get-HvAzLocalFakeFixture -Caller $Caller
    if ($fixture.ContainsKey($Name)) {
        return $fixture[$Name]
    }
    if ($Optional) {
        return $null
    }
    throw "fake '$Caller': fixture '$($fixture['__path'])' has no section '$Name'"
}

Function New-HvAzLocalFakeErrorRecord {
    <#
    .SYNOPSIS
    An ErrorRecord shaped like the one the real cmdlet writes (exception, FullyQualifiedErrorId, category, activity).
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param (
        [Parameter(Mandatory = $true)]
        [Exception]
        $Exception,

        [Parameter(Mandatory = $true)]
        [string]
        $ErrorId,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.ErrorCategory]
        $Category,

        [Parameter(Mandatory = $true)]
        [string]
        $Activity,

        [object]
        $TargetObject
    )

    $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList $Exception, $ErrorId, $Category, $TargetObject
    $record.CategoryInfo.Activity = $Activity
    $record
}

Function Invoke-HvAzLocalFakeFailure {
    <#
    .SYNOPSIS
    Applies the fixture's failure knob for a command, if any: throw the real access-denied error, or hang.

    .DESCRIPTION
    The fixture section 'failures' maps a command name (or 'Get-CimInstance:<ClassName>' for one CIM class)
    to { "kind": "access_denied" | "hang" | "hang_stoppable" | "delay", "seconds": N }.
    'hang' blocks the thread like a call stuck in native code (PowerShell cannot stop it); 'hang_stoppable'
    sleeps the way Start-Sleep does (a pipeline stop ends it); 'delay' waits like 'hang', then answers
    normally (a slow host). 'seconds' defaults to 600.
    AccessDenied is a script block returning the ErrorRecord the real module writes for access denied.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Caller,

        [Parameter(Mandatory = $true)]
        [string[]]
        $Key,

        [Parameter(Mandatory = $true)]
        [scriptblock]
        $AccessDenied
    )

    # Every call is counted per process (tests check how often a collector calls a command).
    $lock = [System.AppDomain]::CurrentDomain
    [System.Threading.Monitor]::Enter($lock)
    try {
        $calls = $lock.GetData('HvAzLocalFakeCalls')
        if ($null -eq $calls) {
            $calls = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,int]'
            $lock.SetData('HvAzLocalFakeCalls', $calls)
        }
        $calls[$Key[0]] = 1 + $(if ($calls.ContainsKey($Key[0])) { $calls[$Key[0]] } else { 0 })
    }
    finally {
        [System.Threading.Monitor]::Exit($lock)
    }

    $failures = Get-HvAzLocalFakeSection -Caller $Caller -Name failures -Optional
    if ($null -eq $failures) {
        return
    }
    foreach ($name in $Key) {
        if (-not $failures.ContainsKey($name)) {
            continue
        }
        $knob = $failures[$name]
        $seconds = 600
        if ($knob.ContainsKey('seconds')) {
            $seconds = [int]$knob['seconds']
        }
        switch ($knob['kind']) {
            'access_denied' {
                throw (& $AccessDenied)
            }
            'hang' {
                [System.Threading.Thread]::Sleep([TimeSpan]::FromSeconds($seconds))
                throw "fake '$Caller': the hung call '$name' was released after $seconds s"
            }
            'hang_stoppable' {
                Start-Sleep -Seconds $seconds
                throw "fake '$Caller': the hung call '$name' was released after $seconds s"
            }
            'delay' {
                [System.Threading.Thread]::Sleep([TimeSpan]::FromSeconds($seconds))
            }
            default {
                throw "fake '$Caller': fixture failure '$name' has unknown kind '$($knob['kind'])' (access_denied, hang, hang_stoppable, delay)"
            }
        }
    }
}

Function ConvertTo-HvAzLocalFakeDateTime {
    <#
    .SYNOPSIS
    A fixture time (ISO 8601 with offset or Z) as the local-time DateTime Windows APIs hand out.
    #>
    [CmdletBinding()]
    [OutputType([datetime])]
    param (
        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [object]
        $Value
    )

    if ($null -eq $Value) {
        return $null
    }
    if ($Value -is [datetime]) {
        return $Value.ToLocalTime()
    }
    $styles = [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal
    [DateTimeOffset]::Parse([string]$Value, [System.Globalization.CultureInfo]::InvariantCulture, $styles).LocalDateTime
}

Function Set-HvAzLocalFakeProperty {
    <#
    .SYNOPSIS
    Copies fixture values onto a typed object, converting each to the property's .NET type.

    .DESCRIPTION
    An unknown property name is an error, so a fixture cannot silently carry a value no fake returns.
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [object]
        $InputObject,

        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Value,

        [Parameter(Mandatory = $true)]
        [string]
        $Caller,

        # Keys of Value that the caller handles itself.
        [string[]]
        $Skip = @()
    )

    $type = $InputObject.GetType()
    foreach ($name in $Value.Keys) {
        if ($Skip -contains $name) {
            continue
        }
        $property = $type.GetProperty($name)
        if ($null -eq $property) {
            throw "fake '$Caller': $($type.FullName) has no property '$name' (fixture '$env:HVAZLOCAL_TEST_FIXTURE')"
        }
        $raw = $Value[$name]
        $target = $property.PropertyType
        $nullable = [Nullable]::GetUnderlyingType($target)
        if ($null -ne $nullable) {
            $target = $nullable
        }
        if ($null -eq $raw) {
            $converted = $null
        }
        elseif ($target -eq [datetime]) {
            $converted = ConvertTo-HvAzLocalFakeDateTime -Value $raw
        }
        elseif ($target -eq [timespan]) {
            # Fixtures give durations in seconds.
            $converted = [timespan]::FromSeconds([double]$raw)
        }
        elseif ($target -eq [guid]) {
            $converted = [guid]$raw
        }
        elseif ($target -eq [version]) {
            $converted = [version]$raw
        }
        elseif ($target.IsEnum) {
            # By name, as fixtures are written; an unknown name fails here rather than later.
            $converted = [Enum]::Parse($target, [string]$raw, $true)
        }
        elseif ($target -eq [object]) {
            $converted = $raw
        }
        else {
            $converted = [System.Management.Automation.LanguagePrimitives]::ConvertTo($raw, $property.PropertyType)
        }
        $property.SetValue($InputObject, $converted)
    }
    $InputObject
}

Function Import-HvAzLocalFakeType {
    <#
    .SYNOPSIS
    Compiles a fake module's C# types once per process (probes import the module in parallel runspaces).
    #>
    [CmdletBinding()]
    param (
        [Parameter(Mandatory = $true)]
        [string]
        $Path,

        # A type the file defines: if it exists already, nothing is compiled.
        [Parameter(Mandatory = $true)]
        [string]
        $Probe
    )

    $lock = [System.AppDomain]::CurrentDomain
    [System.Threading.Monitor]::Enter($lock)
    try {
        if (-not ($Probe -as [type])) {
            Add-Type -LiteralPath $Path
        }
    }
    finally {
        [System.Threading.Monitor]::Exit($lock)
    }
}

Function Select-HvAzLocalFakeByName {
    <#
    .SYNOPSIS
    Items whose Name matches one of the patterns (PowerShell wildcards, case-insensitive); all without patterns.
    #>
    [CmdletBinding()]
    param (
        [AllowEmptyCollection()]
        [object[]]
        $InputObject = @(),

        [string[]]
        $Name
    )

    if (-not $Name) {
        return $InputObject
    }
    foreach ($item in $InputObject) {
        foreach ($pattern in $Name) {
            if ($item.Name -like $pattern) {
                $item
                break
            }
        }
    }
}

$exportMembers = @{
    Function = @(
        'ConvertTo-HvAzLocalFakeDateTime'
        'Get-HvAzLocalFakeFixture'
        'Get-HvAzLocalFakeSection'
        'Import-HvAzLocalFakeType'
        'Invoke-HvAzLocalFakeFailure'
        'New-HvAzLocalFakeErrorRecord'
        'Select-HvAzLocalFakeByName'
        'Set-HvAzLocalFakeProperty'
    )
}
Export-ModuleMember @exportMembers
