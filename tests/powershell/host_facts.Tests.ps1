# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# plugins/modules/host_facts.ps1 run through Ansible.Basic under pwsh against the fake hosts of
# tests/powershell/fixtures (see tests/powershell/README.md).
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingBrokenHashAlgorithms', '', Justification = 'host_facts offers sha1; the test checks it')]
param ()

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers/HvAzLocalTest.psm1') -Force
    Initialize-HvAzLocalAnsibleBasic

    Function Get-HostFact {
        param ($Run)
        $Run.Result['ansible_facts']['hyperv_host']
    }

    Function Get-StandInHash {
        param ([string]$Folder, [string]$File, [string]$Algorithm = 'SHA256')
        $path = Join-Path -Path (Get-HvAzLocalTestRoot) -ChildPath "tests/powershell/fixtures/windows/$Folder/System32/$File"
        (Get-FileHash -LiteralPath $path -Algorithm $Algorithm).Hash
    }
}

Describe 'host_facts on a Windows Server 2025 Hyper-V host' {
    BeforeAll {
        $script:run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-hv01
        $script:facts = Get-HostFact -Run $run
    }

    It 'exits through ExitJson with facts and no failure' {
        $run.ExitCode | Should -Be 0
        $run.Result['failed'] | Should -BeNullOrEmpty
        $run.Result['changed'] | Should -BeFalse
        $facts | Should -Not -BeNullOrEmpty
    }

    It 'reads Win32_OperatingSystem with its CIM types rendered as JSON values' {
        $facts['os_cim']['caption'] | Should -Be 'Microsoft Windows Server 2025 Datacenter'
        $facts['os_cim']['operating_system_sku'] | Should -Be 8
        $facts['os_cim']['build_number'] | Should -Be '26100'
        $facts['os_cim']['version'] | Should -Be '10.0.26100'
        # A CIM datetime arrives as local time and leaves as UTC ISO 8601.
        $facts['os_cim']['last_boot_up_time'] | Should -Be '2025-06-10T18:40:12.0000000Z'
    }

    It 'reads both processors and the computer system' {
        $facts['hardware']['processors'].Count | Should -Be 2
        $facts['hardware']['processors'][0]['manufacturer'] | Should -Be 'GenuineIntel'
        $facts['hardware']['processors'][0]['architecture'] | Should -Be 9
        $facts['hardware']['computer_system']['name'] | Should -Be 'WS25-HV01'
        $facts['hardware']['computer_system']['hypervisor_present'] | Should -BeTrue
        $facts['hardware']['computer_system']['part_of_domain'] | Should -BeTrue
    }

    It 'sees the Hyper-V feature and its management service' {
        $facts['hyperv']['optional_feature']['install_state'] | Should -Be 1
        $facts['hyperv']['vmms']['state'] | Should -Be 'Running'
        $facts['hyperv']['vmms']['start_mode'] | Should -Be 'Auto'
    }

    It 'reads the Hyper-V host: enums as names, Int64 as numbers, System.Version as text' {
        $facts['vmhost']['computer_name'] | Should -Be 'WS25-HV01'
        $facts['vmhost']['memory_capacity'] | Should -Be 1099511627776
        $facts['vmhost']['virtual_machine_migration_authentication_type'] | Should -Be 'Kerberos'
        $facts['vmhost']['virtual_machine_migration_performance_option'] | Should -Be 'SMB'
        $facts['vmhost']['supported_versions'].Count | Should -Be 9
        $default = @($facts['vmhost']['supported_versions'] | Where-Object { $_['is_default'] })
        $default.Count | Should -Be 1
        $default[0]['version'] | Should -Be '12.0'
        $default[0]['name'] | Should -Be 'Microsoft Windows Server 2025/Windows 11 24H2'
    }

    It 'reports no solution on Windows Server (the Lifecycle Manager module is absent)' {
        $facts.Contains('solution') | Should -BeTrue
        $facts['solution'] | Should -BeNullOrEmpty
    }

    It 'reads the CurrentVersion registry values with their registry types' {
        $facts['os_registry']['product_name'] | Should -Be 'Windows Server 2025 Datacenter'
        $facts['os_registry']['edition_id'] | Should -Be 'ServerDatacenter'
        $facts['os_registry']['installation_type'] | Should -Be 'Server'
        $facts['os_registry']['current_build_number'] | Should -Be '26100'
        $facts['os_registry']['ubr'] | Should -Be 4349
        $facts['os_registry']['ubr'] | Should -BeOfType [long]
        $facts['os_registry']['current_major_version_number'] | Should -Be 10
        $facts['errors'] | Should -HaveCount 0
    }

    It 'hashes and versions the kernel and every hypervisor image present' {
        $files = @($facts['files'])
        $files.Count | Should -Be 4
        $kernel = $files | Where-Object { $_['path'] -like '*ntoskrnl.exe' }
        $kernel['exists'] | Should -BeTrue
        $kernel['error'] | Should -BeNullOrEmpty
        $kernel['file_version_raw'] | Should -Be '10.0.26100.4349'
        $kernel['product_version'] | Should -Be '10.0.26100.4349'
        $kernel['original_filename'] | Should -Be 'ntkrnlmp.exe'
        $kernel['hashes']['sha256'] | Should -Be (Get-StandInHash -Folder 26100.4349 -File ntoskrnl.exe)
        $kernel['size'] | Should -BeGreaterThan 0
        $kernel['last_write_time_utc'] | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$'
        $intel = $files | Where-Object { $_['path'] -like '*hvix64.exe' }
        $intel['file_version_raw'] | Should -Be '10.0.26100.4202'
        $intel['hashes']['sha256'] | Should -Be (Get-StandInHash -Folder 26100.4349 -File hvix64.exe)
        $arm = $files | Where-Object { $_['path'] -like '*hvaa64.exe' }
        $arm['exists'] | Should -BeFalse
        $arm['error'] | Should -BeNullOrEmpty
    }

    It 'reports the catalog signature of each system binary' {
        $signatures = @($facts['signatures'])
        $signatures.Count | Should -Be 3
        foreach ($signature in $signatures) {
            $signature['error'] | Should -BeNullOrEmpty
            $signature['status'] | Should -Be 'Valid'
            $signature['signature_type'] | Should -Be 'Catalog'
            $signature['is_os_binary'] | Should -BeTrue
            $signature['signer_subject'] | Should -Be 'CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, S=Washington, C=US'
            $signature['signer_thumbprint'] | Should -Be 'F9529959034B5D9EB7183798BA3417F7E095646A'
            $signature['signer_not_after'] | Should -Be '2026-01-15T19:39:22.0000000Z'
        }
    }

    It 'stamps a duration on every probe' {
        foreach ($probe in 'os_registry', 'os_cim', 'hardware', 'solution', 'hyperv', 'vmhost', 'files', 'signatures') {
            $facts['probe_durations'][$probe] | Should -BeGreaterOrEqual 0
        }
        $facts['duration'] | Should -BeGreaterThan 0
    }
}

Describe 'host_facts on an Azure Local node' {
    BeforeAll {
        $script:run = Invoke-HvAzLocalCollector -Name host_facts -Fixture azl-node1
        $script:facts = Get-HostFact -Run $run
    }

    It 'reads the solution version from Get-SolutionUpdateEnvironment' {
        $run.ExitCode | Should -Be 0
        $facts['solution']['source'] | Should -Be 'Get-SolutionUpdateEnvironment'
        $facts['solution']['current_version'] | Should -Be '12.2506.1001.29'
        $facts['solution']['state'] | Should -Be 'AppliedSuccessfully'
        $facts['solution']['health_state'] | Should -Be 'Success'
        $facts['solution']['last_updated'] | Should -Be '2025-07-09T21:40:12.0000000Z'
        $facts['solution']['sbe_family'] | Should -Be 'Dell'
    }

    It 'reports the Azure Stack HCI SKU and caption' {
        $facts['os_cim']['operating_system_sku'] | Should -Be 406
        $facts['os_cim']['caption'] | Should -Be 'Microsoft Azure Stack HCI'
    }

    It 'reads the Azure Stack HCI edition from the registry' {
        $facts['os_registry']['product_name'] | Should -Be 'Azure Stack HCI'
        $facts['os_registry']['edition_id'] | Should -Be 'ServerAzureStackHCICor'
        $facts['os_registry']['ubr'] | Should -Be 4349
        $facts['errors'] | Should -HaveCount 0
    }

    It 'falls back to Get-StampInformation when Get-SolutionUpdateEnvironment fails' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'lcm-denied.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-SolutionUpdateEnvironment' = @{ kind = 'access_denied' } }
        }
        $fallback = Get-HostFact -Run (Invoke-HvAzLocalCollector -Name host_facts -Fixture $fixture -Arguments @{ exclude_probes = @('files', 'signatures') })
        $fallback['solution']['source'] | Should -Be 'Get-StampInformation'
        $fallback['solution']['stamp_version'] | Should -Be '12.2506.1001.29'
        $fallback['solution']['installation_method'] | Should -Be 'Deployment'
        $fallback['solution']['fallback_reason'] | Should -Match 'Access is denied'
    }
}

Describe 'host_facts on a host without Hyper-V' {
    BeforeAll {
        $script:run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-ec2-nohyperv
        $script:facts = Get-HostFact -Run $run
    }

    It 'says the feature is not installed and reads no Hyper-V host, without errors for it' {
        $run.ExitCode | Should -Be 0
        $facts['hyperv']['optional_feature']['install_state'] | Should -Be 2
        $facts['hyperv']['vmms'] | Should -BeNullOrEmpty
        $facts.Contains('vmhost') | Should -BeTrue
        $facts['vmhost'] | Should -BeNullOrEmpty
        $facts['solution'] | Should -BeNullOrEmpty
        @($facts['errors'] | Where-Object { $_['probe'] -in 'hyperv', 'vmhost', 'solution' }) | Should -HaveCount 0
    }

    It 'reads the AMD processor and the EC2 computer system' {
        $facts['hardware']['processors'][0]['manufacturer'] | Should -Be 'AuthenticAMD'
        $facts['hardware']['computer_system']['manufacturer'] | Should -Be 'Amazon EC2'
        $facts['hardware']['computer_system']['part_of_domain'] | Should -BeFalse
    }
}

Describe 'host_facts when something fails' {
    It 'lists an absent Hyper-V module as the vmhost probe error, and keeps the rest' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture ws2025-hv01 -Destination (Join-Path $TestDrive 'no-hyperv-module.json') -Change {
            param ($data)
            $data['modules'] = @($data['modules'] | Where-Object { $_ -ne 'Hyper-V' })
        }
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture $fixture -Arguments @{ exclude_probes = @('files', 'signatures') }
        $run.ExitCode | Should -Be 0
        $facts = Get-HostFact -Run $run
        $facts['vmhost'] | Should -BeNullOrEmpty
        $vmhostError = Get-HvAzLocalProbeError -Result $run.Result -Probe vmhost
        $vmhostError | Should -HaveCount 1
        $vmhostError[0]['message'] | Should -Match 'Hyper-V'
        $facts['hyperv']['vmms']['state'] | Should -Be 'Running'
    }

    It 'lists access denied per probe with the original exception type and still exits 0' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture azl-node2-denied -Arguments @{ exclude_probes = @('files', 'signatures') }
        $run.ExitCode | Should -Be 0
        $facts = Get-HostFact -Run $run
        $vmhostError = Get-HvAzLocalProbeError -Result $run.Result -Probe vmhost
        $vmhostError | Should -HaveCount 1
        $vmhostError[0]['type'] | Should -Be 'VirtualizationException'
        $vmhostError[0]['message'] | Should -Match 'You do not have the required permission'
        $solutionError = Get-HvAzLocalProbeError -Result $run.Result -Probe solution
        $solutionError | Should -HaveCount 1
        $solutionError[0]['type'] | Should -Be 'UnauthorizedAccessException'
        $facts['vmhost'] | Should -BeNullOrEmpty
        $facts['os_cim']['operating_system_sku'] | Should -Be 406
        @($run.Result['warnings']) -join "`n" | Should -Match 'vmhost: You do not have the required permission'
    }

    It 'fails the module under strict, naming every failed probe' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture azl-node2-denied -Arguments @{ strict = $true; exclude_probes = @('files', 'signatures') }
        $run.ExitCode | Should -Be 1
        $run.Result['failed'] | Should -BeTrue
        $run.Result['msg'] | Should -Match 'vmhost'
        $run.Result['msg'] | Should -Match 'solution'
    }

    It 'returns within its budget when a CIM query hangs, listing that probe as timed out' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture ws2025-hv01 -Destination (Join-Path $TestDrive 'hang.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-CimInstance:Win32_Processor' = @{ kind = 'hang'; seconds = 20 } }
        }
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture $fixture -Arguments @{ probe_timeout = 5; exclude_probes = @('files', 'signatures') }
        $run.ExitCode | Should -Be 0
        $run.Seconds | Should -BeLessThan 12
        $facts = Get-HostFact -Run $run
        $hardwareError = Get-HvAzLocalProbeError -Result $run.Result -Probe hardware
        $hardwareError | Should -HaveCount 1
        $hardwareError[0]['type'] | Should -Be 'TimeoutException'
        $facts['hardware'] | Should -BeNullOrEmpty
        $facts['os_cim']['caption'] | Should -Be 'Microsoft Windows Server 2025 Datacenter'
        $facts['vmhost']['computer_name'] | Should -Be 'WS25-HV01'
    }

    It 'runs with no fakes at all and lists every probe that could not read' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture $null
        $run.ExitCode | Should -Be 0
        $failedProbes = @(Get-HostFact -Run $run)[0]['errors'] | ForEach-Object { $_['probe'] }
        foreach ($probe in 'os_registry', 'os_cim', 'hardware', 'hyperv', 'vmhost') {
            $failedProbes | Should -Contain $probe
        }
        $cim = Get-HvAzLocalProbeError -Result $run.Result -Probe os_cim
        $cim[0]['message'] | Should -Match 'CimCmdlets'
    }
}

Describe 'host_facts options' {
    It 'leaves out the excluded probes and says which' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-hv01 -Arguments @{ exclude_probes = @('files', 'signatures', 'solution') }
        $facts = Get-HostFact -Run $run
        $run.ExitCode | Should -Be 0
        foreach ($probe in 'files', 'signatures', 'solution') {
            $facts.Contains($probe) | Should -BeFalse
            $facts['probe_durations'].Contains($probe) | Should -BeFalse
        }
        $facts['excluded_probes'] | Should -Be @('files', 'signatures', 'solution')
        $facts['os_cim']['caption'] | Should -Not -BeNullOrEmpty
    }

    It 'adds the files asked for after the built-in images, and hashes with every algorithm asked for' {
        $arguments = @{
            files = @('C:\Windows\System32\hal.dll')
            hash_algorithms = @('sha1', 'sha256', 'sha512')
            exclude_probes = @('signatures')
        }
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-hv01 -Arguments $arguments
        $run.ExitCode | Should -Be 0
        $files = @((Get-HostFact -Run $run)['files'])
        $files.Count | Should -Be 5
        $files[4]['path'] | Should -Be 'C:\Windows\System32\hal.dll'
        $files[4]['exists'] | Should -BeFalse
        $kernel = $files[0]
        $kernel['hashes'].Keys | Sort-Object | Should -Be @('sha1', 'sha256', 'sha512')
        $kernel['hashes']['sha1'] | Should -Be (Get-StandInHash -Folder 26100.4349 -File ntoskrnl.exe -Algorithm SHA1)
        $kernel['hashes']['sha512'] | Should -Be (Get-StandInHash -Folder 26100.4349 -File ntoskrnl.exe -Algorithm SHA512)
    }

    It 'rejects a relative path in files, naming the option and the path' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-hv01 -Arguments @{ files = @('drivers\hal.dll') }
        $run.ExitCode | Should -Be 1
        $run.Result['msg'] | Should -Match 'files'
        $run.Result['msg'] | Should -Match ([regex]::Escape('drivers\hal.dll'))
    }

    It 'rejects an unknown hash algorithm, naming the option' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-hv01 -Arguments @{ hash_algorithms = @('md5') }
        $run.ExitCode | Should -Be 1
        $run.Result['msg'] | Should -Match 'hash_algorithms'
    }

    It 'reads the VMs in the same call with include_vms, shaped as vm_info reads them, with one Get-VM' {
        $null = Get-HvAzLocalFakeCallCount -Reset
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture azl-node1 -Arguments @{ include_vms = $true; exclude_probes = @('files', 'signatures') }
        $run.ExitCode | Should -Be 0
        (Get-HvAzLocalFakeCallCount -Reset)['Get-VM'] | Should -Be 1
        $facts = Get-HostFact -Run $run
        $inventory = $facts['vm_inventory']
        $inventory['host']['VmmsState'] | Should -Be 'Running'
        @($inventory['vms'] | ForEach-Object { $_['Name'] }) | Should -Be @('c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de', 'web01', 'build01')
        @($inventory['integration_services']).Count | Should -Be 18
        @($inventory['cluster_groups']['Groups']).Count | Should -Be 12
        foreach ($probe in 'vm_host', 'vms', 'vm_cluster_groups') {
            $facts.Contains($probe) | Should -BeFalse
            $facts['probe_durations'][$probe] | Should -BeGreaterOrEqual 0
        }
        $vmInfo = Invoke-HvAzLocalCollector -Name vm_info -Fixture azl-node1 -Arguments @{ include = @('integration_services') }
        ($inventory['vms'] | ConvertTo-Json -Depth 8) | Should -Be ($vmInfo.Result['_raw']['vms'] | ConvertTo-Json -Depth 8)
    }

    It 'has no vm_inventory unless asked' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-hv01 -Arguments @{ exclude_probes = @('files', 'signatures') }
        (Get-HostFact -Run $run).Contains('vm_inventory') | Should -BeFalse
    }

    It 'returns the same facts in check mode, changing nothing' {
        $run = Invoke-HvAzLocalCollector -Name host_facts -Fixture ws2025-hv01 -CheckMode -Arguments @{ exclude_probes = @('files', 'signatures') }
        $run.ExitCode | Should -Be 0
        $run.Result['changed'] | Should -BeFalse
        (Get-HostFact -Run $run)['vmhost']['computer_name'] | Should -Be 'WS25-HV01'
    }
}
