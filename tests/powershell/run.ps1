# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Runs every tests/powershell/**/*.Tests.ps1 with Pester 5 (no network, nothing installed) and exits 0 only
# when every test passed and at least one ran. Its last line is "N passed, N failed, N skipped".
#
#   pwsh -NoLogo -NoProfile -NonInteractive -File tests/powershell/run.ps1 [-Path <file or folder> ...]
#
# Environment: HVAZLOCAL_PESTER_OUTPUT (Pester output verbosity: None, Normal, Detailed, Diagnostic;
# default Normal), HVAZLOCAL_PESTER_RESULT (write an NUnit XML report to this path),
# HVAZLOCAL_ANSIBLE_PATH (the ansible package folder, when no Python on PATH imports ansible).
[CmdletBinding()]
param (
    # Test files or folders to run instead of the whole tests/powershell tree.
    [string[]]
    $Path = @($PSScriptRoot)
)

$ErrorActionPreference = 'Stop'
$watch = [System.Diagnostics.Stopwatch]::StartNew()

$pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -eq 5 } | Sort-Object -Property Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Output 'Pester 5 is not on PSModulePath (the PowerShell toolkit carries Pester 5.7.1)'
    Write-Output '0 passed, 1 failed, 0 skipped'
    exit 1
}
Import-Module -Name $pester.Path

# pwsh -File passes "a,b" as one string.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = if ($env:HVAZLOCAL_PESTER_OUTPUT) { $env:HVAZLOCAL_PESTER_OUTPUT } else { 'Normal' }
if ($env:HVAZLOCAL_PESTER_RESULT) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $env:HVAZLOCAL_PESTER_RESULT
}

try {
    $result = Invoke-Pester -Configuration $configuration
}
catch {
    Write-Output "Pester could not run: $($_.Exception.Message)"
    Write-Output '0 passed, 1 failed, 0 skipped'
    exit 1
}

# A BeforeAll or a test file that fails outside any test counts as a failure too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $result.SkippedCount + $result.NotRunCount
Write-Output ('PowerShell tests: Pester {0}, {1} test files, {2:0.0} s' -f $pester.Version, $result.Containers.Count, $watch.Elapsed.TotalSeconds)
if ($result.TotalCount -eq 0 -and $failed -eq 0) {
    Write-Output "no tests found under $($Path -join ', ')"
    $failed = 1
}
Write-Output ('{0} passed, {1} failed, {2} skipped' -f $result.PassedCount, $failed, $skipped)
if ($failed -gt 0) {
    exit 1
}
exit 0
