// Test double: the public surface of the Hyper-V 2.0.0.0 PowerShell module's object model that the
// hyperv.azlocal collectors read, under the real type names. Enum names and values, property names and
// property types follow the reflection-generated stubs of that module (dsccommunity/HyperVDsc,
// tests/Unit/Stubs/Hyper-V.stubs.psm1 @ 17e8eb7); see tests/powershell/fixtures/SOURCES.md.
// Real objects have many more properties; only a subset is declared here.
using System;
using System.Collections.Generic;

namespace Microsoft.HyperV.PowerShell
{
    public enum VMState : int
    {
        Other = 1, Running = 2, Off = 3, Stopping = 4, Saved = 6, Paused = 9, Starting = 10, Reset = 11,
        Saving = 32773, Pausing = 32776, Resuming = 32777, FastSaved = 32779, FastSaving = 32780,
        ForceShutdown = 32781, ForceReboot = 32782, Hibernated = 32783, ComponentServicing = 32784,
        RunningCritical = 32785, OffCritical = 32786, StoppingCritical = 32787, SavedCritical = 32788,
        PausedCritical = 32789, StartingCritical = 32790, ResetCritical = 32791, SavingCritical = 32792,
        PausingCritical = 32793, ResumingCritical = 32794, FastSavedCritical = 32795, FastSavingCritical = 32796,
    }

    public enum VMHeartbeatStatus : int
    {
        Unknown = 0, Disabled = 1, NoContact = 2, Error = 3, LostCommunication = 4,
        OkApplicationsUnknown = 5, OkApplicationsHealthy = 6, OkApplicationsCritical = 7, Paused = 8,
    }

    public enum ControllerType : int { IDE = 0, SCSI = 1, PMEM = 2 }

    public enum MigrationAuthenticationType : int { CredSSP = 0, Kerberos = 1 }

    public enum VMMigrationPerformance : int { TCPIP = 0, Compression = 1, SMB = 2 }

    public enum CheckpointType : int { Disabled = 2, Production = 3, ProductionOnly = 4, Standard = 5 }

    public enum VMIntegrationComponentOperationalStatus : int
    {
        Ok = 2, Degraded = 3, Error = 6, NonRecoverableError = 7, NoContact = 12, LostCommunication = 13,
        ProtocolMismatch = 32775, ApplicationCritical = 32782, CommunicationTimedOut = 32783,
        CommunicationFailed = 32784, Disabled = 32896,
    }

    public enum VirtualMachineType : int { RealizedVirtualMachine = 3, PlannedVirtualMachine = 4 }

    // What Hyper-V cmdlets throw, e.g. for an account outside "Hyper-V Administrators"
    // ("PermissionDenied: (:) [Start-VM], VirtualizationException", kubernetes/minikube issue #6346).
    public class VirtualizationException : Exception
    {
        public VirtualizationException() { }
        public VirtualizationException(string message) : base(message) { }
        public VirtualizationException(string message, Exception innerException) : base(message, innerException) { }
    }

    public class VirtualMachine
    {
        public string Name { get; set; }
        public Guid Id { get; set; }
        public VMState State { get; set; }
        public string Status { get; set; }
        public TimeSpan Uptime { get; set; }
        public int Generation { get; set; }
        public string Version { get; set; }
        public long ProcessorCount { get; set; }
        public int CPUUsage { get; set; }
        public long MemoryStartup { get; set; }
        public long MemoryAssigned { get; set; }
        public long MemoryDemand { get; set; }
        public long MemoryMinimum { get; set; }
        public long MemoryMaximum { get; set; }
        public bool DynamicMemoryEnabled { get; set; }
        public bool IsClustered { get; set; }
        public string ComputerName { get; set; }
        public string Path { get; set; }
        public string ConfigurationLocation { get; set; }
        public string Notes { get; set; }
        public DateTime CreationTime { get; set; }
        public Nullable<VMHeartbeatStatus> Heartbeat { get; set; }
        public string IntegrationServicesState { get; set; }
        public Version IntegrationServicesVersion { get; set; }
        public CheckpointType CheckpointType { get; set; }
        public VirtualMachineType VirtualMachineType { get; set; }
        public bool IsDeleted { get; set; }
        public List<VMNetworkAdapter> NetworkAdapters { get; set; }
        public HardDiskDrive[] HardDrives { get; set; }
        public List<VMIntegrationComponent> VMIntegrationService { get; set; }
    }

    public class VMHost
    {
        public string ComputerName { get; set; }
        public string Name { get; set; }
        public string FullyQualifiedDomainName { get; set; }
        public int LogicalProcessorCount { get; set; }
        public long MemoryCapacity { get; set; }
        public string VirtualMachinePath { get; set; }
        public string VirtualHardDiskPath { get; set; }
        public bool NumaSpanningEnabled { get; set; }
        public bool VirtualMachineMigrationEnabled { get; set; }
        public uint MaximumVirtualMachineMigrations { get; set; }
        public uint MaximumStorageMigrations { get; set; }
        public MigrationAuthenticationType VirtualMachineMigrationAuthenticationType { get; set; }
        public VMMigrationPerformance VirtualMachineMigrationPerformanceOption { get; set; }
        public bool UseAnyNetworkForMigration { get; set; }
        public bool EnableEnhancedSessionMode { get; set; }
        public bool IovSupport { get; set; }
        public string MacAddressMinimum { get; set; }
        public string MacAddressMaximum { get; set; }
        public IReadOnlyList<string> SupportedVmVersions { get; set; }
        public TimeSpan ResourceMeteringSaveInterval { get; set; }
        public bool IsDeleted { get; set; }
    }

    public class VMHostSupportedVersion
    {
        public string Name { get; set; }
        public Version Version { get; set; }
        public bool IsDefault { get; set; }
        public string ComputerName { get; set; }
        public bool IsDeleted { get; set; }
    }

    public class VMIntegrationComponent
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public bool Enabled { get; set; }
        public VMIntegrationComponentOperationalStatus[] OperationalStatus { get; set; }
        public Nullable<VMIntegrationComponentOperationalStatus> PrimaryOperationalStatus { get; set; }
        public string PrimaryStatusDescription { get; set; }
        public Nullable<VMIntegrationComponentOperationalStatus> SecondaryOperationalStatus { get; set; }
        public string SecondaryStatusDescription { get; set; }
        public string[] StatusDescription { get; set; }
        public Guid VMId { get; set; }
        public string VMName { get; set; }
        public string ComputerName { get; set; }
        public bool IsDeleted { get; set; }
    }

    public class VMNetworkAdapter
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public string MacAddress { get; set; }
        public bool DynamicMacAddressEnabled { get; set; }
        public string SwitchName { get; set; }
        public Nullable<Guid> SwitchId { get; set; }
        public bool Connected { get; set; }
        public string[] IPAddresses { get; set; }
        public bool IsLegacy { get; set; }
        public bool IsManagementOs { get; set; }
        public string[] StatusDescription { get; set; }
        public Guid VMId { get; set; }
        public string VMName { get; set; }
        public string ComputerName { get; set; }
        public bool IsDeleted { get; set; }
    }

    public class HardDiskDrive
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public string Path { get; set; }
        public Nullable<int> DiskNumber { get; set; }
        public ControllerType ControllerType { get; set; }
        public int ControllerNumber { get; set; }
        public int ControllerLocation { get; set; }
        public string PoolName { get; set; }
        public Guid VMId { get; set; }
        public string VMName { get; set; }
        public string ComputerName { get; set; }
        public bool IsDeleted { get; set; }
    }
}
