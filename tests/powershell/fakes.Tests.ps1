# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# The fake Windows modules themselves: real type names, enum values and nesting, typed CIM values, the failure
# knobs with the real exception types, and module absence per fake host. The collectors' tests rely on them.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath 'TestHelpers/HvAzLocalTest.psm1') -Force

    Function Invoke-InFakeHost {
        <#
        .SYNOPSIS
        Runs a script in a fresh runspace (built-in modules loaded as modules, as the exec wrapper does) on a fake host.
        #>
        param ([string]$Fixture, [scriptblock]$Script)

        $path = if (Test-Path -LiteralPath $Fixture) { $Fixture } else { Get-HvAzLocalFixturePath -Name $Fixture }
        $data = Read-HvAzLocalFixture -Path $path
        $saved = @{ HVAZLOCAL_TEST_FIXTURE = $env:HVAZLOCAL_TEST_FIXTURE; PSModulePath = $env:PSModulePath }
        $ps = [PowerShell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        try {
            $env:HVAZLOCAL_TEST_FIXTURE = $path
            $env:PSModulePath = Get-HvAzLocalFakeModulePath -Module @($data['modules'])
            $ps.Runspace.SessionStateProxy.SetVariable('ErrorActionPreference', 'Stop')
            $null = $ps.AddScript($Script.ToString())
            $output = $ps.Invoke()
            if ($ps.Streams.Error.Count -gt 0) {
                throw $ps.Streams.Error[0]
            }
            , @($output)
        }
        finally {
            $ps.Dispose()
            $env:HVAZLOCAL_TEST_FIXTURE = $saved.HVAZLOCAL_TEST_FIXTURE
            $env:PSModulePath = $saved.PSModulePath
        }
    }

    Function Get-FakeError {
        <#
        .SYNOPSIS
        The ErrorRecord a script in a fake host ends with.
        #>
        param ([string]$Fixture, [scriptblock]$Script)
        try {
            $null = Invoke-InFakeHost -Fixture $Fixture -Script $Script
        }
        catch {
            $record = $_
            while ($record.Exception.InnerException -and $record.Exception -is [System.Management.Automation.MethodInvocationException]) {
                $record = $record.Exception.InnerException.ErrorRecord
            }
            return $record
        }
        throw 'the script did not fail'
    }
}

Describe 'fake CimCmdlets' {
    It 'returns instances with the CIM type names and the WMI value types' {
        $os = (Invoke-InFakeHost -Fixture azl-node1 -Script { CimCmdlets\Get-CimInstance -ClassName Win32_OperatingSystem })[0]
        $os.PSObject.TypeNames[0] | Should -Be 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem'
        $os.PSObject.TypeNames | Should -Contain 'Microsoft.Management.Infrastructure.CimInstance#CIM_OperatingSystem'
        $os.PSObject.TypeNames | Should -Contain 'Microsoft.Management.Infrastructure.CimInstance'
        $os.OperatingSystemSKU | Should -BeOfType [uint32]
        $os.OperatingSystemSKU | Should -Be 406
        $os.LastBootUpTime | Should -BeOfType [datetime]
        $os.LastBootUpTime.Kind | Should -Be 'Local'
        $os.LastBootUpTime.ToUniversalTime() | Should -Be ([datetime]::new(2025, 7, 9, 21, 31, 52, [DateTimeKind]::Utc))
        $os.BuildNumber | Should -BeOfType [string]
        $cpu = (Invoke-InFakeHost -Fixture azl-node1 -Script { CimCmdlets\Get-CimInstance -ClassName Win32_Processor })[0]
        $cpu.Architecture | Should -BeOfType [uint16]
        $system = (Invoke-InFakeHost -Fixture azl-node1 -Script { CimCmdlets\Get-CimInstance Win32_ComputerSystem })[0]
        $system.HypervisorPresent | Should -BeOfType [bool]
    }

    It 'leaves unrequested non-key properties null, as a partial instance does' {
        $os = (Invoke-InFakeHost -Fixture azl-node1 -Script { CimCmdlets\Get-CimInstance -ClassName Win32_OperatingSystem -Property Caption })[0]
        $os.Caption | Should -Be 'Microsoft Azure Stack HCI'
        $os.Name | Should -Not -BeNullOrEmpty
        $os.OperatingSystemSKU | Should -BeNullOrEmpty
    }

    It 'filters with the WQL the collectors use' {
        $found = Invoke-InFakeHost -Fixture azl-node1 -Script {
            @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='vmms' OR Name='ClusSvc'").Name -join ','
            @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name LIKE 'vmic%'").Count
            @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='nope'").Count
        }
        $found | Should -Be @('vmms,ClusSvc', 8, 0)
    }

    It 'rejects WQL it does not understand instead of guessing' {
        $record = Get-FakeError -Fixture azl-node1 -Script { CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter 'Name IN (1)' }
        $record.Exception.GetType().FullName | Should -Be 'Microsoft.Management.Infrastructure.CimException'
    }

    It 'denies access with a CimException of NativeErrorCode AccessDenied' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'cim-denied.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-CimInstance:Win32_OperatingSystem' = @{ kind = 'access_denied' } }
        }
        $record = Get-FakeError -Fixture $fixture -Script { CimCmdlets\Get-CimInstance -ClassName Win32_OperatingSystem }
        $record.Exception.GetType().FullName | Should -Be 'Microsoft.Management.Infrastructure.CimException'
        $record.Exception.NativeErrorCode | Should -Be 'AccessDenied'
        $record.Exception.Message | Should -Be 'Access denied '
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $record.CategoryInfo.Activity | Should -Be 'Get-CimInstance'
        $record.FullyQualifiedErrorId | Should -Be 'HRESULT 0x80041003,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand'
    }
}

Describe 'fake Hyper-V' {
    It 'returns VirtualMachine objects with VMState, Guid, TimeSpan, DateTime and Int64 values' {
        $vm = (Invoke-InFakeHost -Fixture ws2025-hv01 -Script { Hyper-V\Get-VM -Name app01 })[0]
        $vm.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VirtualMachine'
        $vm.State | Should -BeOfType [Microsoft.HyperV.PowerShell.VMState]
        [int]$vm.State | Should -Be 2
        $vm.Id | Should -BeOfType [guid]
        $vm.Uptime | Should -BeOfType [timespan]
        $vm.Uptime.TotalSeconds | Should -Be 7200
        $vm.CreationTime | Should -BeOfType [datetime]
        $vm.MemoryStartup | Should -BeOfType [long]
        $vm.ProcessorCount | Should -BeOfType [long]
        $vm.Version | Should -BeOfType [string]
        $vm.Heartbeat | Should -Be 'OkApplicationsHealthy'
    }

    It 'gives each VM its integration services, adapters and drives, with the VM id and name' {
        $parts = Invoke-InFakeHost -Fixture ws2025-hv01 -Script {
            $vm = Hyper-V\Get-VM -Name lab-dc
            Hyper-V\Get-VMIntegrationService -VM $vm | Select-Object -First 1
            Hyper-V\Get-VMHardDiskDrive -VM $vm
            Hyper-V\Get-VMNetworkAdapter -VMName 'lab-*'
        }
        $parts[0].GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VMIntegrationComponent'
        $parts[0].VMName | Should -Be 'lab-dc'
        $parts[0].VMId | Should -Be ([guid]'5c1e9a4b-2f8d-4e57-9a3c-000000000012')
        $parts[1].ControllerType | Should -BeOfType [Microsoft.HyperV.PowerShell.ControllerType]
        $parts[1].ControllerType | Should -Be 'IDE'
        $parts[2].GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VMNetworkAdapter'
    }

    It 'returns the host and its supported versions as System.Version' {
        $answer = Invoke-InFakeHost -Fixture ws2025-hv01 -Script { Hyper-V\Get-VMHost; Hyper-V\Get-VMHostSupportedVersion -Default }
        $answer[0].VirtualMachineMigrationAuthenticationType | Should -BeOfType [Microsoft.HyperV.PowerShell.MigrationAuthenticationType]
        $answer[0].MemoryCapacity | Should -BeOfType [long]
        $answer[1].Version | Should -BeOfType [version]
        $answer[1].Version | Should -Be ([version]'12.0')
    }

    It 'denies access with a VirtualizationException naming the computer' {
        $record = Get-FakeError -Fixture azl-node2-denied -Script { Hyper-V\Get-VM }
        $record.Exception.GetType().FullName | Should -Be 'Microsoft.HyperV.PowerShell.VirtualizationException'
        $record.Exception.Message | Should -Match "computer 'v-Host2'"
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $record.FullyQualifiedErrorId | Should -Be 'Unspecified,Microsoft.HyperV.PowerShell.Commands.GetVM'
    }

    It 'is absent where the fixture does not list it' {
        $answer = Invoke-InFakeHost -Fixture ws2025-ec2-nohyperv -Script {
            [bool](Get-Module -ListAvailable -Name Hyper-V)
            try { Hyper-V\Get-VM } catch { $_.Exception.GetType().Name }
        }
        $answer | Should -Be @($false, 'CommandNotFoundException')
    }
}

Describe 'fake FailoverClusters' {
    It 'nests real objects: OwnerNode is the ClusterNode, OwnerGroup the ClusterGroup, ResourceType a ClusterResourceType' {
        $answer = Invoke-InFakeHost -Fixture azl-node1 -Script {
            FailoverClusters\Get-ClusterGroup -Name 'Azure Stack HCI Update Service Cluster Group'
            FailoverClusters\Get-ClusterResource -Name 'MOC Cloud Agent Service'
        }
        $group = $answer[0]
        $group.GetType().FullName | Should -Be 'Microsoft.FailoverClusters.PowerShell.ClusterGroup'
        $group.OwnerNode.GetType().FullName | Should -Be 'Microsoft.FailoverClusters.PowerShell.ClusterNode'
        "$($group.OwnerNode)" | Should -Be 'v-Host1'
        $group.State | Should -BeOfType [Microsoft.FailoverClusters.PowerShell.ClusterGroupState]
        [int]$group.State | Should -Be 0
        $group.GroupType | Should -BeOfType [Microsoft.FailoverClusters.PowerShell.GroupType]
        [uint32]$group.GroupType | Should -Be 108
        $group.Cluster.Name | Should -Be 'AZL-CL01'
        $resource = $answer[1]
        $resource.OwnerGroup.GetType().FullName | Should -Be 'Microsoft.FailoverClusters.PowerShell.ClusterGroup'
        $resource.ResourceType.GetType().FullName | Should -Be 'Microsoft.FailoverClusters.PowerShell.ClusterResourceType'
        "$($resource.ResourceType)" | Should -Be 'Generic Service'
        $resource.State | Should -Be 'Online'
        [int]$resource.State | Should -Be 2
    }

    It 'returns shared volumes with a collection of volume information and quorum with its resource' {
        $answer = Invoke-InFakeHost -Fixture azl-node1 -Script {
            FailoverClusters\Get-ClusterSharedVolume | Select-Object -First 1
            FailoverClusters\Get-ClusterQuorum
            FailoverClusters\Get-ClusterNode -Name v-Host1
        }
        @($answer[0].SharedVolumeInfo).Count | Should -Be 1
        @($answer[0].SharedVolumeInfo)[0].Partition.Size | Should -BeOfType [uint64]
        $answer[1].QuorumType | Should -Be 'Majority'
        $answer[1].QuorumResource.ResourceType.Name | Should -Be 'Cloud Witness'
        $answer[2].BuildNumber | Should -BeOfType [uint32]
        $answer[2].State | Should -BeOfType [Microsoft.FailoverClusters.PowerShell.ClusterNodeState]
        , $answer[2].FaultDomain | Should -BeOfType [string[]]
    }

    It 'denies access with a ClusterCmdletException over Win32 error 5' {
        $record = Get-FakeError -Fixture azl-node2-denied -Script { FailoverClusters\Get-Cluster }
        $record.Exception.GetType().FullName | Should -Be 'Microsoft.FailoverClusters.PowerShell.ClusterCmdletException'
        $record.Exception.InnerException | Should -BeOfType [System.ComponentModel.Win32Exception]
        $record.Exception.InnerException.NativeErrorCode | Should -Be 5
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.FullyQualifiedErrorId | Should -Be 'ClusterCmdletException,Microsoft.FailoverClusters.PowerShell.GetClusterCommand'
    }
}

Describe 'fake Get-AuthenticodeSignature' {
    It 'resolves by its module-qualified name and returns System.Management.Automation.Signature' {
        $system32 = Join-Path -Path (Get-HvAzLocalTestRoot) -ChildPath 'tests/powershell/fixtures/windows/26100.4349/System32'
        $script = [scriptblock]::Create("Microsoft.PowerShell.Security\Get-AuthenticodeSignature -LiteralPath '$system32/ntoskrnl.exe'")
        $signature = (Invoke-InFakeHost -Fixture azl-node1 -Script $script)[0]
        $signature | Should -BeOfType [System.Management.Automation.Signature]
        $signature.Status | Should -Be 'Valid'
        $signature.SignatureType | Should -Be 'Catalog'
        $signature.IsOSBinary | Should -BeTrue
        $signature.SignerCertificate | Should -BeOfType [System.Security.Cryptography.X509Certificates.X509Certificate2]
        $signature.SignerCertificate.Issuer | Should -Be 'CN=Microsoft Windows Production PCA 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US'
    }

    It 'keeps the built-in cmdlets of Microsoft.PowerShell.Security' {
        $answer = Invoke-InFakeHost -Fixture azl-node1 -Script { (Get-Command -Name ConvertTo-SecureString).Source }
        $answer | Should -Be @('Microsoft.PowerShell.Security')
    }
}

Describe 'fake Lifecycle Manager and failure knobs' {
    It 'returns the solution environment with DateTime values' {
        $answer = Invoke-InFakeHost -Fixture azl-node1 -Script {
            Get-SolutionUpdateEnvironment
            (Get-Command -Name Get-SolutionUpdateEnvironment).ModuleName
        }
        $answer[0].CurrentVersion | Should -Be '12.2506.1001.29'
        $answer[0].LastChecked | Should -BeOfType [datetime]
        $answer[1] | Should -Be 'Microsoft.AzureStack.Lcm.PowerShell'
    }

    It 'blocks a hanging call for the time the fixture gives' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'hang.json') -Change {
            param ($data)
            $data['failures'] = @{ 'Get-ClusterNode' = @{ kind = 'hang'; seconds = 2 } }
        }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $record = Get-FakeError -Fixture $fixture -Script { FailoverClusters\Get-ClusterNode }
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2
        $record.Exception.Message | Should -Match 'released after 2 s'
    }

    It 'says which fixture lacks a section a fake needs' {
        $fixture = New-HvAzLocalFixtureVariant -Fixture azl-node1 -Destination (Join-Path $TestDrive 'no-solution.json') -Change {
            param ($data)
            $data.Remove('solution_update')
        }
        $record = Get-FakeError -Fixture $fixture -Script { Get-SolutionUpdateEnvironment }
        $record.Exception.Message | Should -Match "no section 'solution_update'"
        $record.Exception.Message | Should -Match 'no-solution.json'
    }
}
