# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Pester 5 tests of the probe runner (plugins/module_utils/_HvAzLocalProbe.psm1): value conversion as values
# really arrive from cmdlets, concurrency, deadlines, hung and failing probes, isolation and the readers' seam.

BeforeAll {
    $relative = [System.IO.Path]::Combine('..', '..', 'plugins', 'module_utils', '_HvAzLocalProbe.psm1')
    $script:runnerPath = [System.IO.Path]::GetFullPath((Join-Path -Path $PSScriptRoot -ChildPath $relative))
    Import-Module -Name $script:runnerPath -Force

    # Stands for the Ansible.Basic.AnsibleModule a collector passes: Params, Result, Warn and FailJson.
    Function New-FakeModule {
        param ([int]$ProbeTimeout = 10)
        $fake = [pscustomobject]@{
            Params = @{ probe_timeout = $ProbeTimeout }
            Result = @{}
            Warnings = [System.Collections.Generic.List[string]]::new()
        }
        $fake | Add-Member -MemberType ScriptMethod -Name Warn -Value { param($message) $this.Warnings.Add($message) }
        $fake | Add-Member -MemberType ScriptMethod -Name FailJson -Value { param($message) throw "FailJson: $message" }
        $fake
    }

    Function Invoke-Probe {
        param (
            [System.Collections.IDictionary]$Probe,
            [object]$Module = (New-FakeModule),
            [System.Collections.IDictionary]$Context = @{},
            [int]$Seconds = 10,
            [hashtable]$Extra = @{}
        )
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        Invoke-HvAzLocalProbeSet -Module $Module -Probe $Probe -Context $Context -Deadline $deadline -TimeoutSeconds $Seconds @Extra
    }
}

Describe 'ConvertTo-HvAzLocalPlainValue' {
    It 'converts <Name>' -ForEach @(
        @{ Name = 'null'; Value = $null; Expected = 'null' }
        @{ Name = 'a string'; Value = 'Azure Stack HCI'; Expected = '"Azure Stack HCI"' }
        @{ Name = 'a char'; Value = [char]'x'; Expected = '"x"' }
        @{ Name = 'a bool'; Value = $true; Expected = 'true' }
        @{ Name = 'an int'; Value = 26100; Expected = '26100' }
        @{ Name = 'a uint64'; Value = [uint64]18446744073709551615; Expected = '18446744073709551615' }
        @{ Name = 'a NaN double'; Value = [double]::NaN; Expected = '"NaN"' }
        @{ Name = 'an enum'; Value = [System.DayOfWeek]::Tuesday; Expected = '"Tuesday"' }
        @{ Name = 'a flags enum'; Value = [System.IO.FileAttributes]'ReadOnly, Hidden'; Expected = '"ReadOnly, Hidden"' }
        @{ Name = 'a UTC DateTime'; Value = [DateTime]::new(2025, 6, 10, 17, 0, 0, [DateTimeKind]::Utc); Expected = '"2025-06-10T17:00:00.0000000Z"' }
        @{
            Name = 'a DateTimeOffset'; Value = [DateTimeOffset]::new(2025, 6, 10, 19, 0, 0, [TimeSpan]::FromHours(2))
            Expected = '"2025-06-10T17:00:00.0000000Z"'
        }
        @{ Name = 'a TimeSpan'; Value = [TimeSpan]::new(1, 1, 1, 1, 250); Expected = '90061.25' }
        @{ Name = 'a Version'; Value = [Version]'10.0.26100.4349'; Expected = '"10.0.26100.4349"' }
        @{ Name = 'a Guid'; Value = [Guid]'3b0c1a2e-8c4d-4f5e-9a1b-2c3d4e5f6a7b'; Expected = '"3b0c1a2e-8c4d-4f5e-9a1b-2c3d4e5f6a7b"' }
        @{ Name = 'a byte array'; Value = [byte[]](1, 2, 255); Expected = '"AQL/"' }
        @{ Name = 'an empty array'; Value = @(); Expected = '[]' }
        @{ Name = 'a one-element array'; Value = @(7); Expected = '[7]' }
        @{ Name = 'a generic list'; Value = [System.Collections.Generic.List[string]]@('a', 'b'); Expected = '["a","b"]' }
        @{ Name = 'nested lists'; Value = @(, @(1, 2)); Expected = '[[1,2]]' }
    ) {
        $plain = ConvertTo-HvAzLocalPlainValue -InputObject $Value
        ConvertTo-Json -InputObject $plain -Compress -Depth 10 | Should -BeExactly $Expected
    }

    It 'converts a local DateTime to the same instant in UTC' {
        $local = [DateTime]::new(2025, 6, 10, 12, 0, 0, [DateTimeKind]::Local)
        $expected = $local.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffffffZ', [System.Globalization.CultureInfo]::InvariantCulture)
        ConvertTo-HvAzLocalPlainValue -InputObject $local | Should -BeExactly $expected
    }

    It 'unwraps a PSObject around <Name> (not its BaseObject key)' -ForEach @(
        @{ Name = 'a scalar'; Value = 26100; Expected = '26100' }
        @{ Name = 'a hashtable'; Value = @{ x = 1 }; Expected = '{"x":1}' }
        @{ Name = 'an enum'; Value = [System.DayOfWeek]::Friday; Expected = '"Friday"' }
    ) {
        $wrapped = [System.Management.Automation.PSObject]::AsPSObject($Value)
        $wrapped | Should -BeOfType [System.Management.Automation.PSObject]
        ConvertTo-Json -InputObject (ConvertTo-HvAzLocalPlainValue -InputObject $wrapped) -Compress | Should -BeExactly $Expected
    }

    It 'keeps the order of an ordered table and of a PSCustomObject' {
        $ordered = [ordered]@{ z = 1; a = 2; m = 3 }
        (ConvertTo-HvAzLocalPlainValue -InputObject $ordered).Keys -join ',' | Should -BeExactly 'z,a,m'
        $custom = [pscustomobject]@{ Name = 'vm1'; State = 'Running'; Generation = 2 }
        (ConvertTo-HvAzLocalPlainValue -InputObject $custom).Keys -join ',' | Should -BeExactly 'Name,State,Generation'
    }

    It 'turns an object into its properties, recursively' {
        $os = [pscustomobject]@{ Version = [Version]'10.0.26100'; When = [DateTime]::new(2025, 1, 1, 0, 0, 0, [DateTimeKind]::Utc); Tags = @('a') }
        $plain = ConvertTo-HvAzLocalPlainValue -InputObject ([pscustomobject]@{ Os = $os })
        ConvertTo-Json -InputObject $plain -Compress -Depth 10 |
            Should -BeExactly '{"Os":{"Version":"10.0.26100","When":"2025-01-01T00:00:00.0000000Z","Tags":["a"]}}'
    }

    It 'records a property whose getter throws as null and keeps the others' {
        $object = [pscustomobject]@{ Good = 1 }
        $object | Add-Member -MemberType ScriptProperty -Name Bad -Value { throw 'getter failed' }
        $plain = ConvertTo-HvAzLocalPlainValue -InputObject $object
        $plain.Keys -join ',' | Should -BeExactly 'Good,Bad'
        $plain.Good | Should -Be 1
        $plain.Bad | Should -BeNullOrEmpty
    }

    It 'renders values deeper than MaxDepth as strings' {
        $deep = @{ l1 = @{ l2 = @{ l3 = @{ l4 = 'bottom' } } } }
        $plain = ConvertTo-HvAzLocalPlainValue -InputObject $deep -MaxDepth 2
        $plain.l1.l2 | Should -BeOfType [string]
        $plain.l1.l2 | Should -BeExactly 'System.Collections.Hashtable'
        (ConvertTo-HvAzLocalPlainValue -InputObject $deep -MaxDepth 5).l1.l2.l3.l4 | Should -BeExactly 'bottom'
    }
}

Describe 'Invoke-HvAzLocalProbeSet' {
    It 'returns each probe''s value under its name, in the order of the probe table' {
        $outcome = Invoke-Probe -Probe ([ordered]@{
                build = { param($Context) 26100 }
                os = { param($Context) [ordered]@{ product_name = 'Azure Stack HCI'; ubr = 4349 } }
                context = { param($Context) $Context.Answer }
            }) -Context @{ Answer = 42 }
        $outcome.Data.Keys -join ',' | Should -BeExactly 'build,os,context'
        $outcome.Data.build | Should -Be 26100
        $outcome.Data.os.product_name | Should -BeExactly 'Azure Stack HCI'
        $outcome.Data.os.ubr | Should -Be 4349
        $outcome.Data.context | Should -Be 42
        $outcome.Errors.Count | Should -Be 0
        $outcome.Durations.Keys | Sort-Object | Should -Be @('build', 'context', 'os')
    }

    It 'keeps a list of <Name> a list' -ForEach @(
        @{ Name = 'zero'; Script = { param($Context) , @() }; Expected = '[]' }
        @{ Name = 'one'; Script = { param($Context) , @(@{ Name = 'vm1' }) }; Expected = '[{"Name":"vm1"}]' }
        @{ Name = 'many written one by one'; Script = { param($Context) 1; 2; 3 }; Expected = '[1,2,3]' }
        @{ Name = 'one inside a table'; Script = { param($Context) @{ vms = @(@{ Name = 'vm1' }) } }; Expected = '{"vms":[{"Name":"vm1"}]}' }
    ) {
        $outcome = Invoke-Probe -Probe ([ordered]@{ list = $Script })
        ConvertTo-Json -InputObject $outcome.Data.list -Compress -Depth 10 | Should -BeExactly $Expected
    }

    It 'returns null for a probe that writes nothing' {
        $outcome = Invoke-Probe -Probe ([ordered]@{ nothing = { param($Context) } })
        $outcome.Data.Contains('nothing') | Should -BeTrue
        $outcome.Data.nothing | Should -BeNullOrEmpty
        $outcome.Errors.Count | Should -Be 0
    }

    It 'runs the probes concurrently' {
        # Each probe signals, then waits for all the others: only concurrent probes all see the count reach zero.
        $barrier = [System.Threading.CountdownEvent]::new(3)
        $probe = { param($Context) $Context.Barrier.Signal() | Out-Null; $Context.Barrier.Wait(5000) }
        $outcome = Invoke-Probe -Probe ([ordered]@{ a = $probe; b = $probe; c = $probe }) -Context @{ Barrier = $barrier }
        @($outcome.Data.a, $outcome.Data.b, $outcome.Data.c) | Should -Be @($true, $true, $true)
    }

    It 'runs them one at a time with ThrottleLimit 1 (the barrier never opens)' {
        $barrier = [System.Threading.CountdownEvent]::new(2)
        $probe = { param($Context) $Context.Barrier.Signal() | Out-Null; $Context.Barrier.Wait(300) }
        $outcome = Invoke-Probe -Probe ([ordered]@{ a = $probe; b = $probe }) -Context @{ Barrier = $barrier } -Extra @{ ThrottleLimit = 1 }
        $outcome.Data.a | Should -BeFalse
        $outcome.Data.b | Should -BeTrue
    }

    It 'stamps each duration when that probe finishes, not when it is collected' {
        # The slow probe comes first in the table and finishes well after the fast one: collected in table
        # order, both would get the slow probe's time.
        $fastDone = [System.Threading.ManualResetEventSlim]::new($false)
        $outcome = Invoke-Probe -Probe ([ordered]@{
                slow = { param($Context) $Context.FastDone.Wait(5000) | Out-Null; Start-Sleep -Milliseconds 700; 'slow' }
                fast = { param($Context) $Context.FastDone.Set(); 'fast' }
            }) -Context @{ FastDone = $fastDone }
        $outcome.Data.slow | Should -BeExactly 'slow'
        $outcome.Durations.fast | Should -BeLessThan $outcome.Durations.slow
        ($outcome.Durations.slow - $outcome.Durations.fast) | Should -BeGreaterOrEqual 0.5
    }

    It 'abandons a probe stuck in a call that cannot be stopped at the deadline, and returns the others' {
        $gate = [System.Threading.ManualResetEvent]::new($false)
        try {
            $module = New-FakeModule -ProbeTimeout 1
            $outcome = Invoke-Probe -Module $module -Seconds 1 -Probe ([ordered]@{
                    stuck = { param($Context) $Context.Gate.WaitOne() | Out-Null; 'late' }
                    quick = { param($Context) 'quick' }
                }) -Context @{ Gate = $gate }
            $outcome.Data.quick | Should -BeExactly 'quick'
            $outcome.Data.stuck | Should -BeNullOrEmpty
            $outcome.Errors.Count | Should -Be 1
            $outcome.Errors[0].probe | Should -BeExactly 'stuck'
            $outcome.Errors[0].type | Should -BeExactly 'TimeoutException'
            $outcome.Errors[0].message | Should -BeExactly "probe 'stuck' did not finish within 1 seconds (probe_timeout)"
            $outcome.Durations.stuck | Should -BeGreaterThan $outcome.Durations.quick
            $module.Warnings | Should -Contain "stuck: probe 'stuck' did not finish within 1 seconds (probe_timeout)"
        }
        finally {
            # Let the abandoned thread end so this test process can exit.
            $null = $gate.Set()
        }
    }

    It 'gives every stage of a collector the same deadline' {
        $module = New-FakeModule -ProbeTimeout 1
        $deadline = Get-HvAzLocalProbeDeadline -Module $module
        $first = Invoke-HvAzLocalProbeSet -Module $module -Deadline $deadline -TimeoutSeconds 1 -Probe ([ordered]@{
                slow = { param($Context) Start-Sleep -Seconds 3 }
            })
        $second = Invoke-HvAzLocalProbeSet -Module $module -Deadline $deadline -TimeoutSeconds 1 -Probe ([ordered]@{
                later = { param($Context) Start-Sleep -Milliseconds 500; 'too late' }
            })
        $first.Errors[0].type | Should -BeExactly 'TimeoutException'
        $second.Errors[0].probe | Should -BeExactly 'later'
        $second.Errors[0].type | Should -BeExactly 'TimeoutException'
        $second.Data.later | Should -BeNullOrEmpty
    }

    It 'reports the original exception of <Name>' -ForEach @(
        @{ Name = 'a throw'; Script = { param($Context) throw 'boom' }; Type = 'RuntimeException'; Message = 'boom'; HResult = -2146233087 }
        @{ Name = 'a failing cmdlet turned into a stop'; Script = { param($Context) Get-Item -LiteralPath '/nonexistent/hvazl' }
            Type = 'ItemNotFoundException'; Message = "Cannot find path '/nonexistent/hvazl' because it does not exist."; HResult = -2146233087
        }
        @{ Name = 'a .NET method'; Script = { param($Context) [System.IO.File]::ReadAllText('/nonexistent/hvazl/file') }
            Type = 'DirectoryNotFoundException'; Message = "Could not find a part of the path '/nonexistent/hvazl/file'."; HResult = -2147024893
        }
        @{ Name = 'a Win32 error'; Script = { param($Context) throw [System.ComponentModel.Win32Exception]::new(5) }
            Type = 'Win32Exception'; Message = $null; HResult = -2147467259; Native = '5'
        }
        @{ Name = 'an access denied'; Script = { param($Context) throw [System.UnauthorizedAccessException]::new('Access is denied.') }
            Type = 'UnauthorizedAccessException'; Message = 'Access is denied.'; HResult = -2147024891
        }
        @{ Name = 'a function of the probe'; Script = { param($Context) Function Read-It { [System.IO.File]::ReadAllBytes('/nonexistent/x') }; Read-It }
            Type = 'DirectoryNotFoundException'; Message = "Could not find a part of the path '/nonexistent/x'."; HResult = -2147024893
        }
    ) {
        $module = New-FakeModule
        $outcome = Invoke-Probe -Module $module -Probe ([ordered]@{ failing = $Script; fine = { param($Context) 'fine' } })
        $outcome.Data.fine | Should -BeExactly 'fine'
        $outcome.Data.failing | Should -BeNullOrEmpty
        $outcome.Errors.Count | Should -Be 1
        $entry = $outcome.Errors[0]
        @($entry.Keys) | Should -Be @('probe', 'type', 'message', 'hresult', 'native_error_code')
        $entry.probe | Should -BeExactly 'failing'
        $entry.type | Should -BeExactly $Type
        if ($Message) {
            $entry.message | Should -BeExactly $Message
        }
        $entry.hresult | Should -Be $HResult
        $entry.native_error_code | Should -Be $Native
        $module.Warnings.Count | Should -Be 1
        $module.Warnings[0] | Should -BeLike 'failing: *'
    }

    It 'records a probe that writes an error record and goes on' {
        $outcome = Invoke-Probe -Probe ([ordered]@{
                noisy = { param($Context) Write-Error -Message 'half read' -ErrorAction Continue; 'partial' }
            })
        $outcome.Data.noisy | Should -BeNullOrEmpty
        $outcome.Errors[0].message | Should -BeExactly 'half read'
    }

    It 'lists the errors in the order of the probe table, whatever order the probes failed in' {
        $outcome = Invoke-Probe -Probe ([ordered]@{
                first = { param($Context) Start-Sleep -Milliseconds 500; throw 'first' }
                second = { param($Context) throw 'second' }
            })
        ($outcome.Errors | ForEach-Object { $_.probe }) -join ',' | Should -BeExactly 'first,second'
    }

    It 'fails the module with strict, naming every failed probe' {
        $module = New-FakeModule
        {
            Invoke-Probe -Module $module -Extra @{ Strict = $true } -Probe ([ordered]@{
                    a = { param($Context) throw 'a failed' }
                    b = { param($Context) 'fine' }
                    c = { param($Context) throw 'c failed' }
                })
        } | Should -Throw -ExpectedMessage '*FailJson: strict is set and 2 probe(s) failed: a, c*'
        @($module.Result.errors | ForEach-Object { $_.probe }) | Should -Be @('a', 'c')
    }

    It 'does not fail with strict when every probe succeeds' {
        $outcome = Invoke-Probe -Extra @{ Strict = $true } -Probe ([ordered]@{ a = { param($Context) 1 } })
        $outcome.Data.a | Should -Be 1
    }

    It 'keeps probes apart: no probe sees another probe''s variables or functions, nor the caller''s' {
        $callerSecret = 'caller'
        $null = $callerSecret
        $outcome = Invoke-Probe -Extra @{ ThrottleLimit = 1 } -Probe ([ordered]@{
                writer = { param($Context) $leak = 'probe'; Function Get-Leak { 'fn' }; $leak }
                reader = { param($Context) @{ leak = $leak; fn = [bool](Get-Command Get-Leak -ErrorAction Ignore); caller = $callerSecret } }
                runner = { param($Context) [bool](Get-Command Invoke-HvAzLocalProbeSet -ErrorAction Ignore) }
                readers = { param($Context) [bool](Get-Command Get-HvAzLocalRegistryValue -ErrorAction Ignore) }
            })
        $outcome.Data.writer | Should -BeExactly 'probe'
        $outcome.Data.reader.leak | Should -BeNullOrEmpty
        $outcome.Data.reader.fn | Should -BeFalse
        $outcome.Data.reader.caller | Should -BeNullOrEmpty
        $outcome.Data.runner | Should -BeFalse
        $outcome.Data.readers | Should -BeTrue
    }

    It 'stops each probe at its first error ($ErrorActionPreference = Stop inside the probe)' {
        $outcome = Invoke-Probe -Probe ([ordered]@{
                stops = { param($Context) Get-Item -LiteralPath '/nonexistent/hvazl'; 'reached' }
            })
        $outcome.Data.stops | Should -BeNullOrEmpty
        $outcome.Errors[0].type | Should -BeExactly 'ItemNotFoundException'
    }

    It 'reports, probe by probe, what a runspace in ConstrainedLanguage refuses' {
        $outcome = Invoke-Probe -Extra @{ LanguageMode = 'ConstrainedLanguage' } -Probe ([ordered]@{
                dotnet = { param($Context) [System.Diagnostics.Process]::GetCurrentProcess().Id }
            })
        $outcome.Data.dotnet | Should -BeNullOrEmpty
        $outcome.Errors[0].probe | Should -BeExactly 'dotnet'
        $outcome.Errors[0].message | Should -Match 'language mode'
    }

    It 'handles an empty probe table' {
        $outcome = Invoke-Probe -Probe ([ordered]@{})
        $outcome.Data.Count | Should -Be 0
        $outcome.Errors.Count | Should -Be 0
    }
}

Describe 'Get-HvAzLocalProbeDeadline' {
    It 'refuses a probe_timeout of <Value>' -ForEach @(@{ Value = 0 }, @{ Value = -5 }) {
        { Get-HvAzLocalProbeDeadline -Module (New-FakeModule -ProbeTimeout $Value) } |
            Should -Throw -ExpectedMessage "*FailJson: probe_timeout must be at least 1 second, got $Value*"
    }

    It 'is probe_timeout seconds from now' {
        $before = [DateTime]::UtcNow
        $deadline = Get-HvAzLocalProbeDeadline -Module (New-FakeModule -ProbeTimeout 30)
        ($deadline - $before).TotalSeconds | Should -BeGreaterOrEqual 30
        $deadline.Kind | Should -Be ([DateTimeKind]::Utc)
    }
}

Describe 'the exit watchdog' {
    It 'is not armed in a process that was not started for one command' {
        & (Get-Module _HvAzLocalProbe) { Start-HvAzLocalExitWatchdog -GraceSeconds 1; $script:exitWatchdog } | Should -BeNullOrEmpty
    }

    It 'ends a PowerShell started with -EncodedCommand after its output, although a probe never returns' {
        $script = @"
Import-Module -Name '$($script:runnerPath)'
`$module = [pscustomobject]@{ Params = @{ probe_timeout = 1 }; Result = @{} }
`$module | Add-Member -MemberType ScriptMethod -Name Warn -Value { param(`$m) }
`$probes = [ordered]@{ stuck = { param(`$Context) [System.Threading.Thread]::Sleep(-1) }; quick = { param(`$Context) 'quick' } }
`$outcome = Invoke-HvAzLocalProbeSet -Module `$module -Probe `$probes -Deadline (Get-HvAzLocalProbeDeadline -Module `$module) -TimeoutSeconds 1
'RESULT ' + (`$outcome.Data | ConvertTo-Json -Compress)
"@
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
        $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') {
            # pwsh run as 'dotnet pwsh.dll' (a framework-dependent install)
            $info.ArgumentList.Add([System.Environment]::GetCommandLineArgs()[0])
        }
        foreach ($argument in '-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded) {
            $info.ArgumentList.Add($argument)
        }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $output = $process.StandardOutput.ReadToEndAsync()
        # Deadline 1 s + grace 10 s; without the watchdog the process would wait for the stuck probe forever.
        $ended = $process.WaitForExit(90000)
        if (-not $ended) {
            $process.Kill()
        }
        $ended | Should -BeTrue
        $output.Result | Should -Match 'RESULT \{"stuck":null,"quick":"quick"\}'
    }
}

Describe 'the readers and their test seam' {
    BeforeAll {
        $script:fixtureDir = Join-Path ([System.IO.Path]::GetTempPath()) ("hvazl-runner-" + [Guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path (Join-Path $script:fixtureDir 'System32')
        $fixture = [ordered]@{
            registry = @{
                'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' = [ordered]@{ ProductName = 'Azure Stack HCI'; UBR = 4349; CurrentBuildNumber = '26100' }
            }
            system_directory = 'System32'
            file_versions = @{ 'NTOSKRNL.EXE' = @{ FileMajorPart = 10; FileVersion = '10.0.26100.4349 (WinBuild.160101.0800)' } }
        }
        $script:fixturePath = Join-Path $script:fixtureDir 'host.json'
        $fixture | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $script:fixturePath
        $script:savedFixture = $env:HVAZLOCAL_TEST_FIXTURE
    }

    AfterAll {
        $env:HVAZLOCAL_TEST_FIXTURE = $script:savedFixture
        Remove-Item -LiteralPath $script:fixtureDir -Recurse -Force
    }

    AfterEach {
        $env:HVAZLOCAL_TEST_FIXTURE = $script:savedFixture
    }

    It 'reads registry values, the System32 folder and version resources from the fixture on Linux' -Skip:($IsWindows) {
        $env:HVAZLOCAL_TEST_FIXTURE = $script:fixturePath
        $values = Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name ubr, ProductName, EditionID
        @($values.Keys) | Should -Be @('ubr', 'ProductName', 'EditionID')
        $values.ubr | Should -Be 4349
        $values.ProductName | Should -BeExactly 'Azure Stack HCI'
        $values.EditionID | Should -BeNullOrEmpty
        (Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Windows NT\CurrentVersion').Count | Should -Be 3
        Get-HvAzLocalSystemDirectory | Should -BeExactly (Join-Path $script:fixtureDir 'System32')
        (Get-HvAzLocalFileVersionInfo -Path '/anywhere/ntoskrnl.exe').FileVersion | Should -BeExactly '10.0.26100.4349 (WinBuild.160101.0800)'
    }

    It 'reads the fixture inside a probe too' -Skip:($IsWindows) {
        $env:HVAZLOCAL_TEST_FIXTURE = $script:fixturePath
        $outcome = Invoke-Probe -Probe ([ordered]@{ os = Get-HvAzLocalOsRegistryProbe })
        $outcome.Data.os.product_name | Should -BeExactly 'Azure Stack HCI'
        $outcome.Data.os.ubr | Should -Be 4349
        $outcome.Data.os.current_build_number | Should -BeExactly '26100'
        $outcome.Data.os.Contains('edition_id') | Should -BeTrue
    }

    It 'throws for a key that is not there, or returns null with AllowMissing' -Skip:($IsWindows) {
        $env:HVAZLOCAL_TEST_FIXTURE = $script:fixturePath
        { Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters' } |
            Should -Throw -ExpectedMessage '*cannot open registry key HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters*'
        Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters' -AllowMissing | Should -BeNullOrEmpty
    }

    It 'fails as .NET does on Linux without a fixture' -Skip:($IsWindows) {
        $env:HVAZLOCAL_TEST_FIXTURE = $null
        { Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Windows NT\CurrentVersion' } |
            Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
        Get-HvAzLocalTestFixture | Should -BeNullOrEmpty
    }

    It 'ignores the fixture variable on Windows' {
        $env:HVAZLOCAL_TEST_FIXTURE = $script:fixturePath
        $module = Get-Module _HvAzLocalProbe
        # Windows PowerShell 5.1 has no IsWindows variable; PowerShell 7 on Windows sets it to $true. Both mean Windows.
        & $module { Set-Variable -Name IsWindows -Value $true; Get-HvAzLocalTestFixture } | Should -BeNullOrEmpty
        & $module { Set-Variable -Name IsWindows -Value $false; Get-HvAzLocalTestFixture } | Should -Not -BeNullOrEmpty
    }
}
