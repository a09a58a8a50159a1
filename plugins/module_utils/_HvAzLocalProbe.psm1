# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# FOR INTERNAL COLLECTION USE ONLY.
#
# The probe runner shared by every hyperv.azlocal collector. A collector hands it an ordered table of
# named probes (small script blocks that READ one source each and return raw observations); the runner
#   * runs them concurrently in a runspace pool, each bounded by the same timeout,
#   * turns every .NET value into something ConvertTo-Json renders the same on every host
#     (DateTime -> UTC ISO 8601, enum -> name, Version -> string, TimeSpan -> seconds, byte[] -> base64),
#   * records how long each probe took, and
#   * turns a failed or timed-out probe into an entry of 'errors' plus a warning, so the rest still returns.
# It never interprets what it reads: what the data means is decided on the controller, in Python.

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

Function ConvertTo-HvAzLocalPlainValue {
    <#
    .SYNOPSIS
    Converts a .NET value into plain hashtables, arrays, strings, numbers and booleans.

    .DESCRIPTION
    ConvertTo-Json in Windows PowerShell 5.1 renders DateTime as "\/Date(...)\/", enums as numbers and
    nested objects as their type name past its depth; this conversion makes the JSON the controller
    receives independent of all that. Unknown object types become an ordered hashtable of their
    properties, down to MaxDepth levels; deeper values become their string form.
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
    if ($InputObject -is [System.Management.Automation.PSObject] -and $InputObject.psobject.BaseObject -isnot [System.Management.Automation.PSCustomObject]) {
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
        return $InputObject.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($InputObject -is [DateTimeOffset]) {
        return $InputObject.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ', [System.Globalization.CultureInfo]::InvariantCulture)
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
    if ($InputObject -is [ValueType]) {
        # int, long, uint64, double, decimal: JSON numbers as they are.
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
        # The leading comma keeps a one-element or empty array an array when it is returned.
        $items = @(foreach ($item in $InputObject) {
                ConvertTo-HvAzLocalPlainValue -InputObject $item -MaxDepth ($MaxDepth - 1)
            })
        return , $items
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

Function Invoke-HvAzLocalProbeSet {
    <#
    .SYNOPSIS
    Runs named read-only probes concurrently, each bounded by a timeout, and collects their raw output.

    .DESCRIPTION
    Every probe is a script block run in its own runspace of a pool, so a probe sees neither the module's
    variables nor the functions of this file: it receives one argument, the Context hashtable, and returns
    what it read. A probe that throws, writes an error record, or does not finish within TimeoutSeconds is
    recorded in Errors (probe, message, type) and in a warning; the others are unaffected. With Strict, any
    such error fails the module instead, naming every failed probe.

    Returns a hashtable: Data (probe name -> plain value, $null for a failed probe), Errors (list),
    Durations (probe name -> seconds, three decimals).

    .PARAMETER Module
    The Ansible.Basic.AnsibleModule of the calling collector.

    .PARAMETER Probe
    An ordered dictionary of probe name -> script block.

    .PARAMETER Context
    Values handed to every probe as its only argument (for example the module options it needs).

    .PARAMETER TimeoutSeconds
    How long each probe may run, counted from the start of the set.

    .PARAMETER Strict
    Fail the module when any probe fails.

    .PARAMETER ThrottleLimit
    How many probes run at the same time.
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

        [int]
        $TimeoutSeconds = 30,

        [switch]
        $Strict,

        [int]
        $ThrottleLimit = 4
    )

    $data = [ordered]@{}
    $durations = [ordered]@{}
    $errors = [System.Collections.Generic.List[object]]@()

    $sessionState = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
    $poolSize = [Math]::Max(1, [Math]::Min($ThrottleLimit, $Probe.Count))
    $pool = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspacePool(1, $poolSize, $sessionState, $Host)
    $pool.Open()
    $stuck = $false
    try {
        $running = [System.Collections.Generic.List[object]]@()
        foreach ($name in $Probe.Keys) {
            $ps = [PowerShell]::Create()
            $ps.RunspacePool = $pool
            # Each probe stops at its first error, like module code run by Ansible's exec wrapper.
            $null = $ps.AddScript('param($ProbeScript, $Context); $ErrorActionPreference = ''Stop''; & ([scriptblock]::Create($ProbeScript)) $Context', $true).AddArgument($Probe[$name].ToString()).AddArgument($Context)
            $running.Add(@{
                    Name = [string]$name
                    PowerShell = $ps
                    Handle = $ps.BeginInvoke()
                    Watch = [System.Diagnostics.Stopwatch]::StartNew()
                })
        }

        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        foreach ($job in $running) {
            $name = $job.Name
            $ps = $job.PowerShell
            $remaining = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
            $data[$name] = $null
            if (-not $job.Handle.AsyncWaitHandle.WaitOne($remaining)) {
                $durations[$name] = [Math]::Round($job.Watch.Elapsed.TotalSeconds, 3)
                $errors.Add(@{
                        probe = $name
                        message = "probe '$name' did not finish within $TimeoutSeconds seconds (probe_timeout)"
                        type = 'TimeoutException'
                    })
                # Ask it to stop without waiting: a stuck WMI or cmdlet call must not hold the module.
                $null = $ps.BeginStop($null, $null)
                $stuck = $true
                continue
            }
            try {
                $output = $ps.EndInvoke($job.Handle)
                $durations[$name] = [Math]::Round($job.Watch.Elapsed.TotalSeconds, 3)
                if ($ps.Streams.Error.Count -gt 0) {
                    $record = $ps.Streams.Error[0]
                    $errors.Add(@{
                            probe = $name
                            message = $record.ToString()
                            type = $record.Exception.GetType().Name
                        })
                }
                else {
                    $value = if ($output.Count -eq 1) { $output[0] } elseif ($output.Count -eq 0) { $null } else { , @($output) }
                    $data[$name] = ConvertTo-HvAzLocalPlainValue -InputObject $value
                }
            }
            catch {
                $durations[$name] = [Math]::Round($job.Watch.Elapsed.TotalSeconds, 3)
                $inner = $_.Exception
                while ($inner.InnerException) {
                    $inner = $inner.InnerException
                }
                $errors.Add(@{
                        probe = $name
                        message = $inner.Message
                        type = $inner.GetType().Name
                    })
            }
            finally {
                if (-not $stuck) {
                    $ps.Dispose()
                }
            }
        }
    }
    finally {
        if ($stuck) {
            # Closing the pool would wait for the stuck probe; let it go with the process instead.
            $null = $pool.BeginClose($null, $null)
        }
        else {
            $pool.Close()
            $pool.Dispose()
        }
    }

    foreach ($entry in $errors) {
        $Module.Warn("$($entry.probe): $($entry.message)")
    }
    if ($Strict -and $errors.Count -gt 0) {
        $names = ($errors | ForEach-Object { $_.probe }) -join ', '
        $Module.Result.errors = @($errors)
        $Module.FailJson("strict is set and $($errors.Count) probe(s) failed: $names")
    }

    @{
        Data = $data
        Errors = @($errors)
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
    Function = 'Add-HvAzLocalProbeOutcome', 'ConvertTo-HvAzLocalPlainValue', 'Get-HvAzLocalProbeSpec', 'Invoke-HvAzLocalProbeSet'
}
Export-ModuleMember @exportMembers
