#!powershell

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

#AnsibleRequires -CSharpUtil Ansible.Basic
#AnsibleRequires -PowerShell ..module_utils._HvAzLocalProbe

# Reads the failover cluster this node belongs to, from this node only (no remoting to the other nodes, so no
# second hop), and returns it raw (key _raw); the action plugin hyperv.azlocal.cluster_info interprets it
# (roles, Azure Local services, node OS consistency). Read-only.

$spec = @{
    options = @{
        # Controller-only: the action plugin validates it against the documentation and never sends it. Listed
        # here only because validate-modules compares this spec with DOCUMENTATION.
        require_cluster = @{ type = 'bool'; default = $false }
        node_facts = @{ type = 'raw' }
    }
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-HvAzLocalProbeSpec))
$module.Result._raw = [ordered]@{}
$module.Result.errors = @()
$module.Result.durations = [ordered]@{}
$module.Result.collected_at = ConvertTo-HvAzLocalPlainValue -InputObject ([DateTime]::UtcNow)
# One deadline for both stages: the module never takes longer than probe_timeout in all.
$deadline = Get-HvAzLocalProbeDeadline -Module $module

# First whether this node can answer at all, and its own OS version (the registry holds the UBR, which
# Get-ClusterNode does not report for any node).
$prerequisites = [ordered]@{
    prerequisites = {
        param($Context)
        $service = @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='ClusSvc'" -Property Name, State, StartMode)
        # The 64-bit view of the registry, also from a 32-bit PowerShell.
        $names = 'CurrentMajorVersionNumber', 'CurrentMinorVersionNumber', 'CurrentBuildNumber', 'UBR', 'EditionID', 'ProductName', 'DisplayVersion'
        $os = Get-HvAzLocalRegistryValue -Path 'SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name $names
        [ordered]@{
            ComputerName = $env:COMPUTERNAME
            FailoverClustersModule = [bool](Get-Module -ListAvailable -Name FailoverClusters)
            ClusterService = if ($service.Count -gt 0) { [ordered]@{ State = $service[0].State; StartMode = $service[0].StartMode } } else { $null }
            LocalOs = [ordered]@{
                CurrentMajorVersionNumber = $os.CurrentMajorVersionNumber
                CurrentMinorVersionNumber = $os.CurrentMinorVersionNumber
                CurrentBuildNumber = $os.CurrentBuildNumber
                UBR = $os.UBR
                EditionID = $os.EditionID
                ProductName = $os.ProductName
                DisplayVersion = $os.DisplayVersion
            }
        }
    }
}
$invokeParams = @{
    Module = $module
    Deadline = $deadline
    TimeoutSeconds = $module.Params.probe_timeout
    Strict = $module.Params.strict
}
$outcome = Invoke-HvAzLocalProbeSet @invokeParams -Probe $prerequisites
Add-HvAzLocalProbeOutcome -Module $module -Outcome $outcome
$node = $outcome.Data.prerequisites

if ($node -and $node.FailoverClustersModule -and $node.ClusterService -and $node.ClusterService.State -eq 'Running') {
    # One bulk query per object kind; nested objects are reduced to their names here, because the runner
    # would otherwise serialise whole ClusterNode objects inside every group and resource. A list is
    # written as one object (, @(...)) so that a cluster with one node or one network still gives a list.
    $probes = [ordered]@{
        cluster = {
            param($Context)
            try {
                $cluster = FailoverClusters\Get-Cluster
            }
            catch {
                # Kept as an observation (not a probe failure): the controller turns it into a reason and
                # says what to fix. HResult and NativeErrorCode do not depend on the display language.
                $exception = $_.Exception
                while ($exception.InnerException) {
                    $exception = $exception.InnerException
                }
                return [ordered]@{
                    QueryError = [ordered]@{
                        Message = $_.Exception.Message
                        ExceptionType = $exception.GetType().Name
                        HResult = $exception.HResult
                        NativeErrorCode = if ($exception -is [System.ComponentModel.Win32Exception]) { $exception.NativeErrorCode } else { $null }
                        Category = $_.CategoryInfo.Category.ToString()
                        ErrorId = $_.FullyQualifiedErrorId
                    }
                }
            }
            [ordered]@{
                Name = $cluster.Name
                Id = $cluster.Id
                Domain = $cluster.Domain
                ClusterFunctionalLevel = $cluster.ClusterFunctionalLevel
                ClusterUpgradeVersion = $cluster.ClusterUpgradeVersion
                S2DEnabled = $cluster.S2DEnabled
                SharedVolumesRoot = $cluster.SharedVolumesRoot
            }
        }
        nodes = {
            param($Context)
            , @(foreach ($item in @(FailoverClusters\Get-ClusterNode)) {
                    [ordered]@{
                        Name = $item.Name
                        Id = $item.Id
                        State = $item.State
                        DrainStatus = $item.DrainStatus
                        MajorVersion = $item.MajorVersion
                        MinorVersion = $item.MinorVersion
                        BuildNumber = $item.BuildNumber
                        FaultDomain = @($item.FaultDomain)
                        Manufacturer = $item.Manufacturer
                        Model = $item.Model
                        SerialNumber = $item.SerialNumber
                        NodeWeight = $item.NodeWeight
                        DynamicWeight = $item.DynamicWeight
                    }
                })
        }
        groups = {
            param($Context)
            , @(foreach ($item in @(FailoverClusters\Get-ClusterGroup)) {
                    [ordered]@{
                        Name = $item.Name
                        Id = $item.Id
                        GroupType = $item.GroupType
                        State = $item.State
                        OwnerNode = $item.OwnerNode.Name
                        Priority = $item.Priority
                        IsCoreGroup = $item.IsCoreGroup
                    }
                })
        }
        resources = {
            param($Context)
            , @(foreach ($item in @(FailoverClusters\Get-ClusterResource)) {
                    [ordered]@{
                        Name = $item.Name
                        Id = $item.Id
                        ResourceType = $item.ResourceType.Name
                        State = $item.State
                        OwnerGroup = $item.OwnerGroup.Name
                        OwnerNode = $item.OwnerNode.Name
                        IsCoreResource = $item.IsCoreResource
                    }
                })
        }
        shared_volumes = {
            param($Context)
            , @(foreach ($item in @(FailoverClusters\Get-ClusterSharedVolume)) {
                    [ordered]@{
                        Name = $item.Name
                        Id = $item.Id
                        State = $item.State
                        OwnerNode = $item.OwnerNode.Name
                        SharedVolumeInfo = @(foreach ($info in @($item.SharedVolumeInfo)) {
                                [ordered]@{
                                    FriendlyVolumeName = $info.FriendlyVolumeName
                                    MaintenanceMode = $info.MaintenanceMode
                                    RedirectedAccess = $info.RedirectedAccess
                                    Partition = [ordered]@{
                                        Name = $info.Partition.Name
                                        FileSystem = $info.Partition.FileSystem
                                        Size = $info.Partition.Size
                                        FreeSpace = $info.Partition.FreeSpace
                                    }
                                }
                            })
                    }
                })
        }
        networks = {
            param($Context)
            , @(foreach ($item in @(FailoverClusters\Get-ClusterNetwork)) {
                    [ordered]@{
                        Name = $item.Name
                        Id = $item.Id
                        Role = $item.Role
                        State = $item.State
                        Address = $item.Address
                        AddressMask = $item.AddressMask
                        Metric = $item.Metric
                    }
                })
        }
        quorum = {
            param($Context)
            $quorum = FailoverClusters\Get-ClusterQuorum
            [ordered]@{
                QuorumType = $quorum.QuorumType
                QuorumResource = $quorum.QuorumResource.Name
                QuorumResourceType = $quorum.QuorumResource.ResourceType.Name
            }
        }
    }
    $outcome = Invoke-HvAzLocalProbeSet @invokeParams -Probe $probes
    Add-HvAzLocalProbeOutcome -Module $module -Outcome $outcome
}

$module.ExitJson()
