# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# plugins/modules/win_guest_facts.ps1 (hyperv.azlocal.guest_facts on Windows) run through Ansible.Basic under
# pwsh against the fake hosts of tests/powershell/fixtures.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers/HvAzLocalTest.psm1') -Force
    Initialize-HvAzLocalAnsibleBasic

    Function Get-GuestFact {
        param ($Run)
        $Run.Result['ansible_facts']['hyperv_guest']
    }
}

Describe 'guest_facts on a Windows Server 2025 generation 2 VM' {
    BeforeAll {
        $script:run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture ws2025-guest-web01
        $script:guest = Get-GuestFact -Run $run
    }

    It 'decides a Hyper-V guest from SMBIOS, generation 2 from the UEFI firmware' {
        $run.ExitCode | Should -Be 0
        $guest['is_hyperv_guest'] | Should -BeTrue
        $guest['hypervisor'] | Should -Be 'hyperv'
        $guest['cloud'] | Should -BeNullOrEmpty
        $guest['generation'] | Should -Be 2
        $guest['evidence']['matched']['hypervisor'] | Should -Be 'smbios_microsoft_virtual_machine'
        $guest['firmware']['vendor'] | Should -Be 'Microsoft Corporation'
        $guest['firmware']['version'] | Should -Be 'Hyper-V UEFI Release v4.1'
        $guest['firmware']['date'] | Should -Be '2024-05-13'
    }

    It 'reports every integration service with its state' {
        $services = $guest['integration_services']
        $services['vmicheartbeat']['state'] | Should -Be 'running'
        $services['vmicheartbeat']['provides'] | Should -Be @('heartbeat')
        $services['vmicguestinterface']['state'] | Should -Be 'stopped'
        $services['vmicvss']['type'] | Should -Be 'service'
        $services.Keys.Count | Should -Be 8
    }

    It 'reads the host and VM names the host wrote to the KVP registry key, and the firmware type' {
        $run.Result['errors'] | Should -HaveCount 0
        $guest['host']['name'] | Should -Be 'v-Host1.contoso.local'
        $guest['host']['physical_name'] | Should -Be 'v-Host1'
        $guest['host']['physical_name_fqdn'] | Should -Be 'v-Host1.contoso.local'
        $guest['vm']['name'] | Should -Be 'web01'
        $guest['vm']['id'] | Should -Be '5C1E9A4B-2F8D-4E57-9A3C-000000000003'
        $guest['firmware']['type'] | Should -Be 'uefi'
        $guest['evidence']['matched']['generation'] | Should -Be 'firmware_uefi'
        $guest['evidence']['kvp']['records'] | Should -Be 5
        foreach ($status in $guest['evidence']['sources'].Values) {
            $status | Should -Be 'read'
        }
    }
}

Describe 'guest_facts on hosts that are not Hyper-V guests' {
    It 'finds no hypervisor on a physical Azure Local node' {
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture azl-node1
        $run.ExitCode | Should -Be 0
        $guest = Get-GuestFact -Run $run
        $guest['is_hyperv_guest'] | Should -BeFalse
        $guest['hypervisor'] | Should -Be 'none'
        $guest['generation'] | Should -BeNullOrEmpty
        $guest['firmware']['vendor'] | Should -Be 'Dell Inc.'
    }

    It 'names Amazon EC2 from SMBIOS' {
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture ws2025-ec2-nohyperv
        $run.ExitCode | Should -Be 0
        $guest = Get-GuestFact -Run $run
        $guest['hypervisor'] | Should -Be 'amazon'
        $guest['is_hyperv_guest'] | Should -BeFalse
    }

    It 'says the KVP key is absent on a physical host rather than failed' {
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture azl-node1
        $guest = Get-GuestFact -Run $run
        $guest['evidence']['sources']['HKLM:\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters'] | Should -Be 'absent'
        $guest['host']['name'] | Should -BeNullOrEmpty
        $run.Result['errors'] | Should -HaveCount 0
    }
}

Describe 'guest_facts when a source fails' {
    It 'keeps deciding from the other sources when Win32_BIOS is denied' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture ws2025-guest-web01 -Destination (Join-Path $TestDrive 'bios-denied.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-CimInstance:Win32_BIOS' = @{ kind = 'access_denied' } }
        }
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture $fixture
        $run.ExitCode | Should -Be 0
        $biosError = Get-HvAzLocalProbeError -Result $run.Result -Probe bios
        $biosError | Should -HaveCount 1
        $biosError[0]['type'] | Should -Be 'CimException'
        $biosError[0]['message'] | Should -Match '^Access denied'
        $guest = Get-GuestFact -Run $run
        $guest['evidence']['sources']['Win32_BIOS'] | Should -Match '^failed: Access denied'
        $guest['hypervisor'] | Should -Be 'hyperv'
        $guest['firmware']['version'] | Should -BeNullOrEmpty
    }

    It 'marks integration services unknown when the service query hangs, and returns in time' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture ws2025-guest-web01 -Destination (Join-Path $TestDrive 'hang.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-CimInstance:Win32_Service' = @{ kind = 'hang'; seconds = 20 } }
        }
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture $fixture -Arguments @{ probe_timeout = 5 }
        $run.ExitCode | Should -Be 0
        $run.Seconds | Should -BeLessThan 10
        $servicesError = Get-HvAzLocalProbeError -Result $run.Result -Probe services
        $servicesError[0]['type'] | Should -Be 'TimeoutException'
        (Get-GuestFact -Run $run)['integration_services']['vmicheartbeat']['state'] | Should -Be 'unknown'
    }

    It 'fails under strict when a source fails' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture ws2025-guest-web01 -Destination (Join-Path $TestDrive 'strict.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-CimInstance:Win32_SystemEnclosure' = @{ kind = 'access_denied' } }
        }
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture $fixture -Arguments @{ strict = $true }
        $run.ExitCode | Should -Be 1
        $run.Result['msg'] | Should -Match 'enclosure'
    }

    It 'warns that kvp_dir applies to Linux guests only' {
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture ws2025-guest-web01 -Arguments @{ kvp_dir = 'C:\kvp' }
        $run.ExitCode | Should -Be 0
        @($run.Result['warnings']) -join "`n" | Should -Match 'kvp_dir applies to Linux guests only'
    }

    It 'runs with no fakes at all and records every source as failed' {
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture $null
        $run.ExitCode | Should -Be 0
        $guest = Get-GuestFact -Run $run
        $guest['evidence']['sources']['Win32_ComputerSystem'] | Should -Match '^failed: '
        $guest['hypervisor'] | Should -Be 'none'
    }

    It 'returns the same facts in check mode' {
        $run = Invoke-HvAzLocalCollector -Name win_guest_facts -Fixture ws2025-guest-web01 -CheckMode
        $run.ExitCode | Should -Be 0
        (Get-GuestFact -Run $run)['hypervisor'] | Should -Be 'hyperv'
    }
}
