# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test double of the FailoverClusters module: the Get-Cluster* cmdlets the collectors call, answering from
# the fixture section 'cluster' of the fake host (HVAZLOCAL_TEST_FIXTURE) with objects of the real types
# (FailoverClustersTypes.cs). References are objects as in the real module: a group's OwnerNode is the
# ClusterNode, a resource's OwnerGroup the ClusterGroup and its ResourceType a ClusterResourceType; every
# object's Cluster is the Cluster.

Set-StrictMode -Version 3.0
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../../support/HvAzLocalFake.psm1')
$typesPath = Join-Path -Path $PSScriptRoot -ChildPath 'FailoverClustersTypes.cs'
Import-HvAzLocalFakeType -Path $typesPath -Probe 'Microsoft.FailoverClusters.PowerShell.ClusterGroupState'

Function Invoke-FakeClusterFailure {
    param ([string]$Command)

    Invoke-HvAzLocalFakeFailure -Caller "FailoverClusters\$Command" -Key @($Command) -AccessDenied {
        # The cluster API's ERROR_ACCESS_DENIED wrapped the way the module reports it.
        $inner = New-Object -TypeName System.ComponentModel.Win32Exception -ArgumentList 5, 'Access is denied'
        $message = "You do not have administrative privileges on the cluster. Contact your network administrator to request access.`n    Access is denied"
        $exception = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterCmdletException -ArgumentList $message, $inner
        $commandClass = 'Microsoft.FailoverClusters.PowerShell.' + $Command.Replace('-', '') + 'Command'
        New-HvAzLocalFakeErrorRecord -Exception $exception -ErrorId "ClusterCmdletException,$commandClass" -Category AuthenticationError -Activity $Command
    }
}

Function Get-FakeClusterModel {
    <#
    .SYNOPSIS
    All cluster objects of the fixture, built once per call with their cross references resolved.
    #>
    param ([string]$Command)

    $caller = "FailoverClusters\$Command"
    $section = Get-HvAzLocalFakeSection -Caller $caller -Name cluster
    foreach ($part in 'cluster', 'nodes', 'groups', 'resources', 'shared_volumes', 'networks', 'quorum') {
        if (-not $section.ContainsKey($part)) {
            throw "fake ${caller}: fixture '$env:HVAZLOCAL_TEST_FIXTURE' has no cluster.$part"
        }
    }

    $cluster = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.Cluster
    $null = Set-HvAzLocalFakeProperty -InputObject $cluster -Value $section['cluster'] -Caller $caller

    $nodes = [ordered]@{}
    foreach ($entry in @($section['nodes'])) {
        $node = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterNode
        $null = Set-HvAzLocalFakeProperty -InputObject $node -Value $entry -Caller $caller -Skip @('FaultDomain')
        if ($entry.ContainsKey('FaultDomain')) {
            # Get-ClusterNode returns the fault domain path as a string array.
            $node.FaultDomain = [string[]]@($entry['FaultDomain'])
        }
        $node.NodeName = $node.Name
        $node.Cluster = $cluster
        $nodes[$node.Name] = $node
    }

    $findNode = {
        param ($Name, $Where)
        if ($null -eq $Name) {
            return $null
        }
        if (-not $nodes.Contains($Name)) {
            throw "fake ${caller}: $Where names node '$Name', which is not in cluster.nodes"
        }
        $nodes[$Name]
    }

    $groups = [ordered]@{}
    foreach ($entry in @($section['groups'])) {
        $group = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterGroup
        $null = Set-HvAzLocalFakeProperty -InputObject $group -Value $entry -Caller $caller -Skip @('OwnerNode')
        $group.OwnerNode = & $findNode $entry['OwnerNode'] "group '$($group.Name)'"
        $group.Cluster = $cluster
        $groups[$group.Name] = $group
    }

    $resources = [ordered]@{}
    foreach ($entry in @($section['resources'])) {
        $resource = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterResource
        $null = Set-HvAzLocalFakeProperty -InputObject $resource -Value $entry -Caller $caller -Skip @('OwnerGroup', 'ResourceType')
        $groupName = $entry['OwnerGroup']
        if (-not $groups.Contains($groupName)) {
            throw "fake ${caller}: resource '$($resource.Name)' names group '$groupName', which is not in cluster.groups"
        }
        $resource.OwnerGroup = $groups[$groupName]
        # A resource is online on the node that owns its group.
        $resource.OwnerNode = $resource.OwnerGroup.OwnerNode
        $type = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterResourceType
        $type.Name = [string]$entry['ResourceType']
        $type.DisplayName = $type.Name
        $resource.ResourceType = $type
        $resource.Cluster = $cluster
        $resources[$resource.Name] = $resource
    }

    $volumes = @(foreach ($entry in @($section['shared_volumes'])) {
            $volume = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume
            $null = Set-HvAzLocalFakeProperty -InputObject $volume -Value $entry -Caller $caller -Skip @('OwnerNode', 'SharedVolumeInfo')
            $volume.OwnerNode = & $findNode $entry['OwnerNode'] "shared volume '$($volume.Name)'"
            $infos = [System.Collections.Generic.List[Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo]]@()
            foreach ($infoEntry in @($entry['SharedVolumeInfo'])) {
                $info = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo
                $null = Set-HvAzLocalFakeProperty -InputObject $info -Value $infoEntry -Caller $caller -Skip @('Partition')
                $partition = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterDiskPartitionInfo
                $info.Partition = Set-HvAzLocalFakeProperty -InputObject $partition -Value $infoEntry['Partition'] -Caller $caller
                $infos.Add($info)
            }
            $volume.SharedVolumeInfo = $infos
            $volume
        })

    $networks = @(foreach ($entry in @($section['networks'])) {
            $network = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterNetwork
            $null = Set-HvAzLocalFakeProperty -InputObject $network -Value $entry -Caller $caller
            $network.Cluster = $cluster
            $network
        })

    $quorum = New-Object -TypeName Microsoft.FailoverClusters.PowerShell.ClusterQuorumSettings
    $null = Set-HvAzLocalFakeProperty -InputObject $quorum -Value $section['quorum'] -Caller $caller -Skip @('QuorumResource')
    $quorum.Cluster = $cluster
    $witness = $section['quorum']['QuorumResource']
    if ($null -ne $witness) {
        if (-not $resources.Contains($witness)) {
            throw "fake ${caller}: quorum names resource '$witness', which is not in cluster.resources"
        }
        $quorum.QuorumResource = $resources[$witness]
    }

    @{
        Cluster = $cluster
        Nodes = @($nodes.Values)
        Groups = @($groups.Values)
        Resources = @($resources.Values)
        SharedVolumes = $volumes
        Networks = $networks
        Quorum = $quorum
    }
}

Function Get-Cluster {
    <#
    .SYNOPSIS
    Test double of FailoverClusters\Get-Cluster.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.Cluster])]
    param (
        [Parameter(Position = 0)]
        [string]
        $Name
    )

    Invoke-FakeClusterFailure -Command Get-Cluster
    (Get-FakeClusterModel -Command Get-Cluster).Cluster
}

Function Get-ClusterNode {
    <#
    .SYNOPSIS
    Test double of FailoverClusters\Get-ClusterNode.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterNode])]
    param (
        [Parameter(Position = 0)]
        [string[]]
        $Name,

        [string]
        $Cluster
    )

    Invoke-FakeClusterFailure -Command Get-ClusterNode
    Select-HvAzLocalFakeByName -InputObject (Get-FakeClusterModel -Command Get-ClusterNode).Nodes -Name $Name
}

Function Get-ClusterGroup {
    <#
    .SYNOPSIS
    Test double of FailoverClusters\Get-ClusterGroup.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterGroup])]
    param (
        [Parameter(Position = 0)]
        [string[]]
        $Name,

        [string]
        $Cluster
    )

    Invoke-FakeClusterFailure -Command Get-ClusterGroup
    Select-HvAzLocalFakeByName -InputObject (Get-FakeClusterModel -Command Get-ClusterGroup).Groups -Name $Name
}

Function Get-ClusterResource {
    <#
    .SYNOPSIS
    Test double of FailoverClusters\Get-ClusterResource.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResource])]
    param (
        [Parameter(Position = 0)]
        [string[]]
        $Name,

        [string]
        $Cluster
    )

    Invoke-FakeClusterFailure -Command Get-ClusterResource
    Select-HvAzLocalFakeByName -InputObject (Get-FakeClusterModel -Command Get-ClusterResource).Resources -Name $Name
}

Function Get-ClusterSharedVolume {
    <#
    .SYNOPSIS
    Test double of FailoverClusters\Get-ClusterSharedVolume.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume])]
    param (
        [Parameter(Position = 0)]
        [string[]]
        $Name,

        [string]
        $Cluster
    )

    Invoke-FakeClusterFailure -Command Get-ClusterSharedVolume
    Select-HvAzLocalFakeByName -InputObject (Get-FakeClusterModel -Command Get-ClusterSharedVolume).SharedVolumes -Name $Name
}

Function Get-ClusterNetwork {
    <#
    .SYNOPSIS
    Test double of FailoverClusters\Get-ClusterNetwork.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterNetwork])]
    param (
        [Parameter(Position = 0)]
        [string[]]
        $Name,

        [string]
        $Cluster
    )

    Invoke-FakeClusterFailure -Command Get-ClusterNetwork
    Select-HvAzLocalFakeByName -InputObject (Get-FakeClusterModel -Command Get-ClusterNetwork).Networks -Name $Name
}

Function Get-ClusterQuorum {
    <#
    .SYNOPSIS
    Test double of FailoverClusters\Get-ClusterQuorum.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterQuorumSettings])]
    param (
        [string]
        $Cluster
    )

    Invoke-FakeClusterFailure -Command Get-ClusterQuorum
    (Get-FakeClusterModel -Command Get-ClusterQuorum).Quorum
}

$exportMembers = @{
    Function = @(
        'Get-Cluster'
        'Get-ClusterGroup'
        'Get-ClusterNetwork'
        'Get-ClusterNode'
        'Get-ClusterQuorum'
        'Get-ClusterResource'
        'Get-ClusterSharedVolume'
    )
}
Export-ModuleMember @exportMembers
