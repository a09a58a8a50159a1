#!powershell

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

#AnsibleRequires -CSharpUtil Ansible.Basic
#AnsibleRequires -PowerShell ..module_utils._HvAzLocalProbe

# Reads the Hyper-V VMs of this host in one round trip and returns them raw (key _raw); the action plugin
# hyperv.azlocal.vm_info interprets them (roles, summary). Read-only.

$spec = @{
    options = @{
        name = @{ type = 'list'; elements = 'str'; default = @() }
        include = @{ type = 'list'; elements = 'str'; default = @(); choices = 'integration_services', 'network_adapters', 'hard_drives' }
        cluster_groups = @{ type = 'bool'; default = $true }
        # Interpreted on the controller by the action plugin; declared so the documentation and spec agree.
        state = @{ type = 'list'; elements = 'str'; default = @() }
    }
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-HvAzLocalProbeSpec))
$module.Result._raw = [ordered]@{}
$module.Result.errors = @()
$module.Result.durations = [ordered]@{}

# First what the host offers: whether Hyper-V and the Cluster service are there decides which probes run,
# so a host without Hyper-V answers with a reason instead of a list of failed probes.
$hostProbe = [ordered]@{
    host = {
        param($Context)
        $services = @(CimCmdlets\Get-CimInstance -ClassName Win32_Service -Filter "Name='vmms' OR Name='ClusSvc'" -Property Name, State)
        $vmms = @($services | Where-Object { $_.Name -eq 'vmms' })
        $clusSvc = @($services | Where-Object { $_.Name -eq 'ClusSvc' })
        [ordered]@{
            ComputerName = $env:COMPUTERNAME
            HyperVModule = [bool](Get-Module -ListAvailable -Name Hyper-V)
            FailoverClustersModule = [bool](Get-Module -ListAvailable -Name FailoverClusters)
            VmmsState = if ($vmms.Count -gt 0) { $vmms[0].State } else { $null }
            ClusterServiceState = if ($clusSvc.Count -gt 0) { $clusSvc[0].State } else { $null }
        }
    }
}
$outcome = Invoke-HvAzLocalProbeSet -Module $module -Probe $hostProbe -TimeoutSeconds $module.Params.probe_timeout -Strict:$module.Params.strict
Add-HvAzLocalProbeOutcome -Module $module -Outcome $outcome
$hostData = $outcome.Data.host

if ($hostData -and $hostData.HyperVModule -and $hostData.VmmsState -eq 'Running') {
    $context = @{ Names = @($module.Params.name) }
    # Every probe selects the VMs the same way: PowerShell -like wildcards on the VM name, all when none given.
    $probes = [ordered]@{
        vms = {
            param($Context)
            $names = @($Context.Names)
            $vms = @(Hyper-V\Get-VM | Where-Object { $vmName = $_.Name; $names.Count -eq 0 -or @($names | Where-Object { $vmName -like $_ }).Count -gt 0 })
            @(foreach ($vm in $vms) {
                    [ordered]@{
                        Name = $vm.Name
                        Id = $vm.Id
                        State = $vm.State
                        Status = $vm.Status
                        Uptime = $vm.Uptime
                        Generation = $vm.Generation
                        Version = $vm.Version
                        ProcessorCount = $vm.ProcessorCount
                        MemoryStartup = $vm.MemoryStartup
                        MemoryAssigned = $vm.MemoryAssigned
                        MemoryMinimum = $vm.MemoryMinimum
                        MemoryMaximum = $vm.MemoryMaximum
                        DynamicMemoryEnabled = $vm.DynamicMemoryEnabled
                        IsClustered = $vm.IsClustered
                        ComputerName = $vm.ComputerName
                        Path = $vm.Path
                        Notes = $vm.Notes
                        CreationTime = $vm.CreationTime
                    }
                })
        }
    }
    if ($module.Params.include -contains 'integration_services') {
        $probes.integration_services = {
            param($Context)
            $names = @($Context.Names)
            $vms = @(Hyper-V\Get-VM | Where-Object { $vmName = $_.Name; $names.Count -eq 0 -or @($names | Where-Object { $vmName -like $_ }).Count -gt 0 })
            if ($vms.Count -gt 0) {
                @(foreach ($service in @(Hyper-V\Get-VMIntegrationService -VM $vms)) {
                        [ordered]@{
                            VMId = $service.VMId
                            VMName = $service.VMName
                            Name = $service.Name
                            Enabled = $service.Enabled
                            PrimaryStatusDescription = $service.PrimaryStatusDescription
                            SecondaryStatusDescription = $service.SecondaryStatusDescription
                        }
                    })
            }
        }
    }
    if ($module.Params.include -contains 'network_adapters') {
        $probes.network_adapters = {
            param($Context)
            $names = @($Context.Names)
            $vms = @(Hyper-V\Get-VM | Where-Object { $vmName = $_.Name; $names.Count -eq 0 -or @($names | Where-Object { $vmName -like $_ }).Count -gt 0 })
            if ($vms.Count -gt 0) {
                @(foreach ($adapter in @(Hyper-V\Get-VMNetworkAdapter -VM $vms)) {
                        [ordered]@{
                            VMId = $adapter.VMId
                            VMName = $adapter.VMName
                            Name = $adapter.Name
                            MacAddress = $adapter.MacAddress
                            SwitchName = $adapter.SwitchName
                            Connected = $adapter.Connected
                            DynamicMacAddressEnabled = $adapter.DynamicMacAddressEnabled
                            IPAddresses = @($adapter.IPAddresses)
                        }
                    })
            }
        }
    }
    if ($module.Params.include -contains 'hard_drives') {
        $probes.hard_drives = {
            param($Context)
            $names = @($Context.Names)
            $vms = @(Hyper-V\Get-VM | Where-Object { $vmName = $_.Name; $names.Count -eq 0 -or @($names | Where-Object { $vmName -like $_ }).Count -gt 0 })
            if ($vms.Count -gt 0) {
                @(foreach ($drive in @(Hyper-V\Get-VMHardDiskDrive -VM $vms)) {
                        [ordered]@{
                            VMId = $drive.VMId
                            VMName = $drive.VMName
                            Name = $drive.Name
                            Path = $drive.Path
                            ControllerType = $drive.ControllerType
                            ControllerNumber = $drive.ControllerNumber
                            ControllerLocation = $drive.ControllerLocation
                            DiskNumber = $drive.DiskNumber
                        }
                    })
            }
        }
    }
    if ($module.Params.cluster_groups -and $hostData.ClusterServiceState -eq 'Running' -and $hostData.FailoverClustersModule) {
        # One bulk read of the local cluster's groups (no remoting): corroborates the resource bridge VM and
        # gives each clustered VM its owner node. Wrapped so an empty list stays distinguishable from "not read".
        $probes.cluster_groups = {
            param($Context)
            [ordered]@{
                Groups = @(foreach ($group in @(FailoverClusters\Get-ClusterGroup)) {
                        [ordered]@{
                            Name = $group.Name
                            Id = $group.Id
                            GroupType = $group.GroupType
                            State = $group.State
                            OwnerNode = $group.OwnerNode.Name
                            Priority = $group.Priority
                            IsCoreGroup = $group.IsCoreGroup
                        }
                    })
            }
        }
    }

    $outcome = Invoke-HvAzLocalProbeSet -Module $module -Probe $probes -Context $context -TimeoutSeconds $module.Params.probe_timeout -Strict:$module.Params.strict
    Add-HvAzLocalProbeOutcome -Module $module -Outcome $outcome
}

$module.ExitJson()
