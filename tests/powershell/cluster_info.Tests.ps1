# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# plugins/modules/cluster_info.ps1 (the collector; its action plugin interprets _raw on the controller) run
# through Ansible.Basic under pwsh against the fake hosts of tests/powershell/fixtures. Its first probe reads
# the node's own OS version from the registry, so most cases need the runner's registry seam.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers/HvAzLocalTest.psm1') -Force
    Initialize-HvAzLocalAnsibleBasic
    $script:arbName = 'c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de'
}

Describe 'cluster_info on an Azure Local node' {
    BeforeAll {
        $script:run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture azl-node1
        $script:raw = $run.Result['_raw']
    }

    It 'exits 0 with every part of the cluster and no errors' {
        $run.ExitCode | Should -Be 0
        $run.Result['errors'] | Should -HaveCount 0
        $raw.Keys | Sort-Object | Should -Be @('cluster', 'groups', 'networks', 'nodes', 'prerequisites', 'quorum', 'resources', 'shared_volumes')
    }

    It 'reads this node: cluster service, module and its own OS version with the UBR' {
        $node = $raw['prerequisites']
        $node['ComputerName'] | Should -Be 'V-HOST1'
        $node['FailoverClustersModule'] | Should -BeTrue
        $node['ClusterService']['State'] | Should -Be 'Running'
        $node['ClusterService']['StartMode'] | Should -Be 'Auto'
        $node['LocalOs']['CurrentBuildNumber'] | Should -Be '26100'
        $node['LocalOs']['UBR'] | Should -Be 4349
        $node['LocalOs']['EditionID'] | Should -Be 'ServerAzureStackHCICor'
        $node['LocalOs']['ProductName'] | Should -Be 'Azure Stack HCI'
    }

    It 'reads the cluster and its nodes (UInt32 levels, node state names, fault domain lists)' {
        $raw['cluster']['Name'] | Should -Be 'AZL-CL01'
        $raw['cluster']['ClusterFunctionalLevel'] | Should -Be 12
        $raw['cluster']['S2DEnabled'] | Should -Be 1
        $nodes = @($raw['nodes'])
        @($nodes | ForEach-Object { $_['Name'] }) | Should -Be @('v-Host1', 'v-Host2', 'v-Host3')
        $nodes[0]['State'] | Should -Be 'Up'
        $nodes[0]['DrainStatus'] | Should -Be 'NotInitiated'
        $nodes[0]['BuildNumber'] | Should -Be 26100
        $nodes[0]['FaultDomain'] | Should -Be @('Site:Default-First-Site', 'Node:v-Host1')
    }

    It 'reads groups and resources with their nested objects reduced to names' {
        $groups = @($raw['groups'])
        $groups.Count | Should -Be 12
        $update = $groups | Where-Object { $_['Name'] -eq 'Azure Stack HCI Update Service Cluster Group' }
        $update['OwnerNode'] | Should -Be 'v-Host1'
        $update['State'] | Should -Be 'Online'
        $update['GroupType'] | Should -Be 'GenericService'
        ($groups | Where-Object { $_['Name'] -eq 'sql01' })['State'] | Should -Be 'Offline'
        $resources = @($raw['resources'])
        $resources.Count | Should -Be 19
        $agent = $resources | Where-Object { $_['Name'] -eq 'MOC Cloud Agent Service' }
        $agent['ResourceType'] | Should -Be 'Generic Service'
        $agent['OwnerGroup'] | Should -Be 'ca-5deb3fc5-59b2-478a-b60c-7d03dfe3e86e'
        $agent['OwnerNode'] | Should -Be 'v-Host3'
        $agent['State'] | Should -Be 'Online'
        ($resources | Where-Object { $_['Name'] -eq "Virtual Machine $arbName" })['OwnerGroup'] | Should -Be $arbName
        ($resources | Where-Object { $_['Name'] -eq 'Cluster Name' })['IsCoreResource'] | Should -BeTrue
    }

    It 'reads shared volumes with their volume information as a list, networks and quorum' {
        $infrastructure = $raw['shared_volumes'] | Where-Object { $_['Name'] -eq 'Cluster Virtual Disk (Infrastructure_1)' }
        , $infrastructure['SharedVolumeInfo'] | Should -BeOfType [System.Collections.IList]
        $infrastructure['SharedVolumeInfo'][0]['FriendlyVolumeName'] | Should -Be 'C:\ClusterStorage\Infrastructure_1'
        $infrastructure['SharedVolumeInfo'][0]['Partition']['FileSystem'] | Should -Be 'CSVFS_ReFS'
        $infrastructure['SharedVolumeInfo'][0]['Partition']['Size'] | Should -Be 274877906944
        $infrastructure['OwnerNode'] | Should -Be 'v-Host1'
        ($raw['networks'] | Where-Object { $_['Name'] -eq 'Management' })['Role'] | Should -Be 'ClusterAndClient'
        $raw['quorum']['QuorumType'] | Should -Be 'Majority'
        $raw['quorum']['QuorumResource'] | Should -Be 'Cloud Witness'
        $raw['quorum']['QuorumResourceType'] | Should -Be 'Cloud Witness'
    }
}

Describe 'cluster_info where there is no cluster to read' {
    It 'reports a standalone Hyper-V host without the cluster service or module, and no errors' {
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture ws2025-hv01
        $run.ExitCode | Should -Be 0
        $run.Result['errors'] | Should -HaveCount 0
        $node = $run.Result['_raw']['prerequisites']
        $node['FailoverClustersModule'] | Should -BeFalse
        $node['ClusterService'] | Should -BeNullOrEmpty
        $node['LocalOs']['ProductName'] | Should -Be 'Windows Server 2025 Datacenter'
        $run.Result['_raw'].Keys | Should -Be @('prerequisites')
    }

    It 'reads nothing more where the cluster service runs but the FailoverClusters module is absent' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'no-fc.json') -Change {
            param ($data)
            $data['modules'] = @($data['modules'] | Where-Object { $_ -ne 'FailoverClusters' })
        }
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture $fixture
        $run.ExitCode | Should -Be 0
        $run.Result['_raw']['prerequisites']['FailoverClustersModule'] | Should -BeFalse
        $run.Result['_raw']['prerequisites']['ClusterService']['State'] | Should -Be 'Running'
        $run.Result['_raw'].Contains('cluster') | Should -BeFalse
    }
}

Describe 'cluster_info when access is denied or a query hangs' {
    It 'keeps the denied Get-Cluster as an observation with its Win32 error, and lists the other denied probes' {
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture azl-node2-denied
        $run.ExitCode | Should -Be 0
        $queryError = $run.Result['_raw']['cluster']['QueryError']
        $queryError['Message'] | Should -Match 'You do not have administrative privileges on the cluster'
        $queryError['ExceptionType'] | Should -Be 'Win32Exception'
        $queryError['NativeErrorCode'] | Should -Be 5
        $queryError['HResult'] | Should -Be -2147467259
        $queryError['Category'] | Should -Be 'AuthenticationError'
        $queryError['ErrorId'] | Should -Be 'ClusterCmdletException,Microsoft.FailoverClusters.PowerShell.GetClusterCommand'
        foreach ($probe in 'nodes', 'groups', 'resources', 'shared_volumes', 'networks', 'quorum') {
            $probeError = Get-HvAzLocalProbeError -Result $run.Result -Probe $probe
            $probeError | Should -HaveCount 1
            $probeError[0]['message'] | Should -Match 'administrative privileges'
        }
    }

    It 'fails under strict when probes are denied' {
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture azl-node2-denied -Arguments @{ strict = $true }
        $run.ExitCode | Should -Be 1
        $run.Result['msg'] | Should -Match 'resources'
    }

    It 'lists a hanging Get-ClusterResource as timed out and returns the rest within its budget' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'hang.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-ClusterResource' = @{ kind = 'hang'; seconds = 25 } }
        }
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture $fixture -Arguments @{ probe_timeout = 6 }
        $run.ExitCode | Should -Be 0
        $run.Seconds | Should -BeLessThan 10
        $resourcesError = Get-HvAzLocalProbeError -Result $run.Result -Probe resources
        $resourcesError | Should -HaveCount 1
        $resourcesError[0]['type'] | Should -Be 'TimeoutException'
        @($run.Result['_raw']['groups']).Count | Should -Be 12
    }

    It 'keeps one deadline across its two stages when the node is slow and Get-ClusterResource hangs' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'slow.json') -Change {
            param ($data)
            $data['failures'] = @{
                'Get-CimInstance:Win32_Service' = @{ kind = 'delay'; seconds = 4 }
                'Get-ClusterResource' = @{ kind = 'hang'; seconds = 30 }
            }
        }
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture $fixture -Arguments @{ probe_timeout = 6 }
        $run.ExitCode | Should -Be 0
        $run.Result['_raw']['prerequisites']['ClusterService']['State'] | Should -Be 'Running'
        (Get-HvAzLocalProbeError -Result $run.Result -Probe resources)[0]['type'] | Should -Be 'TimeoutException'
        # 6 s for both stages together, not 6 s for the second after a 4 s first one.
        $run.Seconds | Should -BeLessThan 9
    }

    It 'runs with no fakes at all and says why' {
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture $null
        $run.ExitCode | Should -Be 0
        Get-HvAzLocalProbeError -Result $run.Result -Probe prerequisites | Should -HaveCount 1
    }

    It 'returns the same data in check mode' {
        $run = Invoke-HvAzLocalCollector -Name cluster_info -Fixture azl-node3 -CheckMode
        $run.ExitCode | Should -Be 0
        $run.Result['changed'] | Should -BeFalse
        $run.Result['_raw']['prerequisites']['LocalOs']['UBR'] | Should -Be 4061
        $run.Result['_raw']['cluster']['Name'] | Should -Be 'AZL-CL01'
    }
}
