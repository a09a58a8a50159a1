// Test double: the public surface of the FailoverClusters 2.0.0.0 PowerShell module's object model that the
// hyperv.azlocal collectors read, under the real type names. Enum names and values, property names and
// property types follow the reflection-generated stubs of that module (dsccommunity/FailoverClusterDsc,
// tests/Unit/Stubs/FailoverClusters.stubs.psm1 @ 2123608); see tests/powershell/fixtures/SOURCES.md.
// Cluster objects print as their name (Get-ClusterGroup shows OwnerNode as the node name), hence ToString.
using System;
using System.Collections.Generic;

namespace Microsoft.FailoverClusters.PowerShell
{
    public enum ClusterGroupState : int { Online = 0, Offline = 1, Failed = 2, PartialOnline = 3, Pending = 4, Unknown = -1 }

    public enum ClusterNodeState : int { Up = 0, Down = 1, Paused = 2, Joining = 3, Unknown = -1 }

    public enum ClusterNodeDrainStatus : int { NotInitiated = 0, InProgress = 1, Completed = 2, Failed = 3 }

    public enum ClusterResourceState : int
    {
        Inherited = 0, Initializing = 1, Online = 2, Offline = 3, Failed = 4,
        Pending = 128, OnlinePending = 129, OfflinePending = 130, Unknown = -1,
    }

    public enum ClusterNetworkRole : int { None = 0, Cluster = 1, Client = 2, ClusterAndClient = 3 }

    public enum ClusterNetworkState : int { Unavailable = 0, Down = 1, Partitioned = 2, Up = 3, Unknown = -1 }

    public enum ClusterQuorumType : int { Unknown = 0, Majority = 1, DiskOnly = 2 }

    public enum NodeType : int { Node = 0, StorageNode = 1 }

    public enum GroupType : uint
    {
        Cluster = 1, AvailableStorage = 2, Temporary = 3, ClusterSharedVolume = 4, ClusterStoragePool = 5,
        FileServer = 100, PrintServer = 101, DhcpServer = 102, Dtc = 103, Msmq = 104, Wins = 105,
        StandAloneDfs = 106, GenericApplication = 107, GenericService = 108, GenericScript = 109,
        IScsiNameService = 110, VirtualMachine = 111, TsSessionBroker = 112, IScsiTarget = 113,
        ScaleoutFileServer = 114, VMReplicaBroker = 115, TaskScheduler = 116, ClusterAwareUpdating = 117,
        ScaleoutCluster = 118, StorageReplica = 119, VirtualMachineReplicationCoordinator = 120,
        CrossClusterOrchestrator = 121, InfrastructureFileServer = 122, CoreSddc = 123, UserManager = 124,
        KeyValueStoreManager = 125, HcsVirtualMachine = 126, MetaVirtualMachine = 127, Unknown = 9999,
    }

    // What the cluster cmdlets throw; the Win32 error (5, access denied) is its inner exception
    // ("Get-ClusterResource : You do not have administrative privileges on the cluster. Contact your network
    // administrator to request access. Access is denied", MicrosoftDocs/azure-docs issue #42640).
    public class ClusterCmdletException : Exception
    {
        public ClusterCmdletException() { }
        public ClusterCmdletException(string message) : base(message) { }
        public ClusterCmdletException(string message, Exception innerException) : base(message, innerException) { }
    }

    public class Cluster
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public string Domain { get; set; }
        public string Description { get; set; }
        public uint ClusterFunctionalLevel { get; set; }
        public uint ClusterUpgradeVersion { get; set; }
        public uint S2DEnabled { get; set; }
        public string SharedVolumesRoot { get; set; }
        public uint DynamicQuorum { get; set; }
        public DateTime RecentEventsResetTime { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterNode
    {
        public string Name { get; set; }
        public string NodeName { get; set; }
        public string Id { get; set; }
        public ClusterNodeState State { get; set; }
        public ClusterNodeDrainStatus DrainStatus { get; set; }
        public uint MajorVersion { get; set; }
        public uint MinorVersion { get; set; }
        public uint BuildNumber { get; set; }
        public string CSDVersion { get; set; }
        public object FaultDomain { get; set; }
        public string Manufacturer { get; set; }
        public string Model { get; set; }
        public string SerialNumber { get; set; }
        public uint NodeWeight { get; set; }
        public uint DynamicWeight { get; set; }
        public NodeType Type { get; set; }
        public Cluster Cluster { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterGroup
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public GroupType GroupType { get; set; }
        public ClusterGroupState State { get; set; }
        public ClusterNode OwnerNode { get; set; }
        public uint Priority { get; set; }
        public bool IsCoreGroup { get; set; }
        public string Description { get; set; }
        public Cluster Cluster { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterResourceType
    {
        public string Name { get; set; }
        public string DisplayName { get; set; }
        public string DllName { get; set; }
        public string Id { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterResource
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public ClusterResourceType ResourceType { get; set; }
        public ClusterResourceState State { get; set; }
        public ClusterGroup OwnerGroup { get; set; }
        public ClusterNode OwnerNode { get; set; }
        public bool IsCoreResource { get; set; }
        public string Description { get; set; }
        public Cluster Cluster { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterDiskPartitionInfo
    {
        public string Name { get; set; }
        public string FileSystem { get; set; }
        public ulong Size { get; set; }
        public ulong FreeSpace { get; set; }
        public ulong UsedSpace { get; set; }
        public double PercentFree { get; set; }
        public string MountPoints { get; set; }
    }

    public class ClusterSharedVolumeInfo
    {
        public string FriendlyVolumeName { get; set; }
        public bool MaintenanceMode { get; set; }
        public bool RedirectedAccess { get; set; }
        public ulong VolumeOffset { get; set; }
        public ClusterDiskPartitionInfo Partition { get; set; }
    }

    public class ClusterSharedVolume
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public ClusterNode OwnerNode { get; set; }
        public ICollection<ClusterSharedVolumeInfo> SharedVolumeInfo { get; set; }
        public ClusterResourceState State { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterNetwork
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public ClusterNetworkRole Role { get; set; }
        public ClusterNetworkState State { get; set; }
        public string Address { get; set; }
        public string AddressMask { get; set; }
        public uint Metric { get; set; }
        public bool AutoMetric { get; set; }
        public Cluster Cluster { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterQuorumSettings
    {
        public Cluster Cluster { get; set; }
        public ClusterResource QuorumResource { get; set; }
        public ClusterQuorumType QuorumType { get; set; }
    }
}
