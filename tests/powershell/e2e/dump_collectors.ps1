# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Runs every collector on every fake host in this one PowerShell process (through Ansible.Basic, as the
# Pester tests do: tests/powershell/TestHelpers) and writes what each printed to <Out>/hosts/<host>.json,
# under the keys run_e2e.py uses for the raw results (host_facts, vm_info_raw, cluster_info_raw,
# guest_facts). The chain tests (tests/unit/plugins/test_collector_chain.py) read it when no output of
# run_e2e.py is given; it takes a fraction of the time of the ansible-playbook run.
#
#   pwsh -NoLogo -NoProfile -NonInteractive -File tests/powershell/e2e/dump_collectors.ps1 -Out DIR
[CmdletBinding()]
param (
    [Parameter(Mandatory = $true)]
    [string]
    $Out
)

$ErrorActionPreference = 'Stop'
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../TestHelpers/HvAzLocalTest.psm1')
Initialize-HvAzLocalAnsibleBasic

$folder = Join-Path -Path $Out -ChildPath 'hosts'
$null = New-Item -Path $folder -ItemType Directory -Force
$include = @('integration_services', 'network_adapters', 'hard_drives')
$fakeHosts = @('ws2025-hv01', 'azl-node1', 'azl-node2-denied', 'azl-node3', 'ws2025-ec2-nohyperv', 'ws2025-guest-web01')
$watch = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($name in $fakeHosts) {
    # The module output as Ansible.Basic printed it, not re-serialised.
    $parts = [ordered]@{
        host_facts = (Invoke-HvAzLocalCollector -Name host_facts -Fixture $name).Json
        vm_info_raw = (Invoke-HvAzLocalCollector -Name vm_info -Fixture $name -Arguments @{ include = $include }).Json
        cluster_info_raw = (Invoke-HvAzLocalCollector -Name cluster_info -Fixture $name).Json
        guest_facts = (Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture $name).Json
    }
    $text = '{' + (@(foreach ($key in $parts.Keys) { '"{0}": {1}' -f $key, $parts[$key] }) -join ",`n") + "}`n"
    [System.IO.File]::WriteAllText((Join-Path -Path $folder -ChildPath "$name.json"), $text)
}
Write-Output ('dumped {0} fake hosts to {1} in {2:0.0} s' -f $fakeHosts.Count, $folder, $watch.Elapsed.TotalSeconds)
