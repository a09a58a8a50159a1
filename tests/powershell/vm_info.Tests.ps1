# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# plugins/modules/vm_info.ps1 (the collector; its action plugin interprets _raw on the controller) run
# through Ansible.Basic under pwsh against the fake hosts of tests/powershell/fixtures.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers/HvAzLocalTest.psm1') -Force
    Initialize-HvAzLocalAnsibleBasic
    $script:arbName = 'c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de'
}

Describe 'vm_info on an Azure Local node' {
    BeforeAll {
        $script:run = Invoke-HvAzLocalCollector -Name vm_info -Fixture azl-node1
        $script:raw = $run.Result['_raw']
    }

    It 'exits 0 with the host, its VMs and the cluster groups, and no errors' {
        $run.ExitCode | Should -Be 0
        $run.Result['errors'] | Should -HaveCount 0
        $raw.Keys | Sort-Object | Should -Be @('cluster_groups', 'host', 'os_registry', 'vms')
        foreach ($probe in 'host', 'os_registry', 'vms', 'cluster_groups') {
            $run.Result['durations'][$probe] | Should -BeGreaterOrEqual 0
        }
    }

    It 'describes what the host offers' {
        $raw['host']['ComputerName'] | Should -Be 'V-HOST1'
        $raw['host']['HyperVModule'] | Should -BeTrue
        $raw['host']['FailoverClustersModule'] | Should -BeTrue
        $raw['host']['VmmsState'] | Should -Be 'Running'
        $raw['host']['ClusterServiceState'] | Should -Be 'Running'
    }

    It 'returns every VM with VMState names, seconds, UTC ISO times, Guid text and Int64 sizes' {
        $vms = @($raw['vms'])
        $vms.Count | Should -Be 3
        $arb = $vms | Where-Object { $_['Name'] -eq $arbName }
        $arb['Id'] | Should -Be '5c1e9a4b-2f8d-4e57-9a3c-000000000001'
        $arb['State'] | Should -Be 'Running'
        $arb['Status'] | Should -Be 'Operating normally'
        $arb['Uptime'] | Should -Be 864000.125
        $arb['Generation'] | Should -Be 2
        $arb['Version'] | Should -Be '12.0'
        $arb['ProcessorCount'] | Should -Be 4
        $arb['MemoryStartup'] | Should -Be 8589934592
        $arb['IsClustered'] | Should -BeTrue
        $arb['ComputerName'] | Should -Be 'V-HOST1'
        $arb['CreationTime'] | Should -Be '2025-07-02T09:01:00.0000000Z'
        $arb['Path'] | Should -BeLike '*\MocArb\Vms'
        ($vms | Where-Object { $_['Name'] -eq 'build01' })['State'] | Should -Be 'SavedCritical'
    }

    It 'reads each cluster group with its owner node by name' {
        $groups = @($raw['cluster_groups']['Groups'])
        $groups.Count | Should -Be 12
        $arbGroup = $groups | Where-Object { $_['Name'] -eq $arbName }
        $arbGroup['GroupType'] | Should -Be 'VirtualMachine'
        $arbGroup['State'] | Should -Be 'Online'
        $arbGroup['OwnerNode'] | Should -Be 'v-Host1'
        $core = $groups | Where-Object { $_['Name'] -eq 'Cluster Group' }
        $core['IsCoreGroup'] | Should -BeTrue
        $core['GroupType'] | Should -Be 'Cluster'
        $core['Priority'] | Should -Be 3000
    }

    It 'reads the OS identity that tells an Azure Local node' {
        $raw['os_registry']['edition_id'] | Should -Be 'ServerAzureStackHCICor'
        $raw['os_registry']['ubr'] | Should -Be 4349
    }

    It 'reads no optional part unless asked' {
        foreach ($probe in 'integration_services', 'network_adapters', 'hard_drives') {
            $raw.Contains($probe) | Should -BeFalse
        }
    }
}

Describe 'vm_info include and name' {
    BeforeAll {
        $script:include = @('integration_services', 'network_adapters', 'hard_drives')
        $script:all = Invoke-HvAzLocalCollector -Name vm_info -Fixture ws2025-hv01 -Arguments @{ include = $include }
        $script:raw = $all.Result['_raw']
    }

    It 'reads integration services, network adapters and hard drives of every VM' {
        $all.ExitCode | Should -Be 0
        $all.Result['errors'] | Should -HaveCount 0
        @($raw['vms']).Count | Should -Be 3
        @($raw['integration_services']).Count | Should -Be 18
        @($raw['network_adapters']).Count | Should -Be 3
        @($raw['hard_drives']).Count | Should -Be 2
        $heartbeat = $raw['integration_services'] | Where-Object { $_['VMName'] -eq 'app01' -and $_['Name'] -eq 'Heartbeat' }
        $heartbeat['Enabled'] | Should -BeTrue
        $heartbeat['PrimaryStatusDescription'] | Should -Be 'OK'
        $heartbeat['VMId'] | Should -Be '5c1e9a4b-2f8d-4e57-9a3c-000000000011'
        ($raw['hard_drives'] | Where-Object { $_['VMName'] -eq 'lab-dc' })['ControllerType'] | Should -Be 'IDE'
        ($raw['hard_drives'] | Where-Object { $_['VMName'] -eq 'app01' })['ControllerType'] | Should -Be 'SCSI'
    }

    It 'calls Get-VM once, whatever it includes' {
        $null = Get-HvAzLocalFakeCallCount -Reset
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture ws2025-hv01 -Arguments @{ include = $include }
        $run.ExitCode | Should -Be 0
        (Get-HvAzLocalFakeCallCount -Reset)['Get-VM'] | Should -Be 1
    }

    It 'keeps address lists lists, with none and with several addresses' {
        $app = $raw['network_adapters'] | Where-Object { $_['VMName'] -eq 'app01' }
        $app['IPAddresses'] | Should -Be @('192.168.10.21', 'fe80::215:5dff:fe01:203')
        $off = $raw['network_adapters'] | Where-Object { $_['VMName'] -eq 'lab-dc' }
        , $off['IPAddresses'] | Should -BeOfType [System.Collections.IList]
        $off['IPAddresses'].Count | Should -Be 0
    }

    It 'keeps a list of one address a list' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture azl-node1 -Arguments @{ name = @($arbName); include = @('network_adapters') }
        $adapter = @($run.Result['_raw']['network_adapters'])
        $adapter.Count | Should -Be 1
        , $adapter[0]['IPAddresses'] | Should -BeOfType [System.Collections.IList]
        $adapter[0]['IPAddresses'] | Should -Be @('192.168.1.40')
    }

    It 'selects VMs by wildcard name, for the VM list and every included part' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture ws2025-hv01 -Arguments @{ name = @('app*'); include = @('integration_services', 'hard_drives') }
        $run.ExitCode | Should -Be 0
        $selected = $run.Result['_raw']
        @($selected['vms'] | ForEach-Object { $_['Name'] }) | Should -Be @('app01')
        @($selected['integration_services'] | ForEach-Object { $_['VMName'] } | Sort-Object -Unique) | Should -Be @('app01')
        @($selected['hard_drives'] | ForEach-Object { $_['VMName'] }) | Should -Be @('app01')
    }

    It 'returns an empty VM list, not null, when no name matches' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture ws2025-hv01 -Arguments @{ name = @('nothing-like-this') }
        $run.ExitCode | Should -Be 0
        $run.Result['_raw'].Contains('vms') | Should -BeTrue
        , $run.Result['_raw']['vms'] | Should -BeOfType [System.Collections.IList]
        $run.Result['_raw']['vms'].Count | Should -Be 0
    }

    It 'rejects an unknown include, naming the option' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture ws2025-hv01 -Arguments @{ include = @('snapshots') }
        $run.ExitCode | Should -Be 1
        $run.Result['msg'] | Should -Match 'include'
    }
}

Describe 'vm_info on hosts that cannot answer fully' {
    It 'answers for a host without Hyper-V with what it offers, and no errors' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture ws2025-ec2-nohyperv
        $run.ExitCode | Should -Be 0
        $run.Result['errors'] | Should -HaveCount 0
        $raw = $run.Result['_raw']
        $raw['host']['HyperVModule'] | Should -BeFalse
        $raw['host']['VmmsState'] | Should -BeNullOrEmpty
        # Read nothing, said so by host: null, not an empty list.
        $raw.Contains('vms') | Should -BeTrue
        $raw['vms'] | Should -BeNullOrEmpty
        $raw['os_registry']['product_name'] | Should -Be 'Windows Server 2025 Datacenter'
    }

    It 'reads no cluster groups where the FailoverClusters module is absent' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'no-fc.json') -Change {
            param ($data)
            $data['modules'] = @($data['modules'] | Where-Object { $_ -ne 'FailoverClusters' })
        }
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture $fixture
        $run.ExitCode | Should -Be 0
        $run.Result['_raw']['host']['FailoverClustersModule'] | Should -BeFalse
        $run.Result['_raw']['cluster_groups'] | Should -BeNullOrEmpty
        $run.Result['errors'] | Should -HaveCount 0
        @($run.Result['_raw']['vms']).Count | Should -Be 3
    }

    It 'lists access denied with the Hyper-V exception type and exits 0' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture azl-node2-denied
        $run.ExitCode | Should -Be 0
        $vmsError = Get-HvAzLocalProbeError -Result $run.Result -Probe vms
        $vmsError | Should -HaveCount 1
        $vmsError[0]['type'] | Should -Be 'VirtualizationException'
        $expected = 'You do not have the required permission to complete this task. ' +
        "Contact the administrator of the authorization policy for the computer 'v-Host2'."
        $vmsError[0]['message'] | Should -Be $expected
        $run.Result['_raw']['vms'] | Should -BeNullOrEmpty
        $groupsError = Get-HvAzLocalProbeError -Result $run.Result -Probe cluster_groups
        $groupsError | Should -HaveCount 1
        $groupsError[0]['message'] | Should -Match 'administrative privileges on the cluster'
        $groupsError[0]['type'] | Should -Not -BeIn @('ActionPreferenceStopException', 'RuntimeException', 'MethodInvocationException')
    }

    It 'fails under strict when a probe is denied' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture azl-node2-denied -Arguments @{ strict = $true }
        $run.ExitCode | Should -Be 1
        $run.Result['failed'] | Should -BeTrue
        $run.Result['msg'] | Should -Match 'vms'
    }

    It 'returns within probe_timeout when the host is slow and Get-VM hangs' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'slow.json') -Change {
            param ($data)
            $data['failures'] = @{
                'Get-CimInstance:Win32_Service' = @{ kind = 'delay'; seconds = 4 }
                'Get-VM' = @{ kind = 'hang'; seconds = 30 }
            }
        }
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture $fixture -Arguments @{ probe_timeout = 6; cluster_groups = $false }
        $run.ExitCode | Should -Be 0
        $run.Result['_raw']['host']['VmmsState'] | Should -Be 'Running'
        $vmsError = Get-HvAzLocalProbeError -Result $run.Result -Probe vms
        $vmsError | Should -HaveCount 1
        $vmsError[0]['type'] | Should -Be 'TimeoutException'
        $run.Seconds | Should -BeLessThan 9
    }

    It 'runs with no fakes at all and says why it could not read the host' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture $null
        $run.ExitCode | Should -Be 0
        $hostError = Get-HvAzLocalProbeError -Result $run.Result -Probe host
        $hostError | Should -HaveCount 1
        $hostError[0]['message'] | Should -Match 'CimCmdlets'
    }

    It 'returns the same data in check mode' {
        $run = Invoke-HvAzLocalCollector -Name vm_info -Fixture ws2025-hv01 -CheckMode
        $run.ExitCode | Should -Be 0
        $run.Result['changed'] | Should -BeFalse
        @($run.Result['_raw']['vms']).Count | Should -Be 3
    }
}
