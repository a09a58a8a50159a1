#!powershell

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

#AnsibleRequires -CSharpUtil Ansible.Basic
#AnsibleRequires -PowerShell ..module_utils._HvAzLocalProbe

# Reads the Hyper-V VMs of this host in one round trip and returns them raw (key _raw); the action plugin
# hyperv.azlocal.vm_info interprets them (roles, summary). Read-only. The VM probes are shared with
# host_facts (include_vms) in module_utils, so both return the same inventory.

$spec = @{
    options = @{
        name = @{ type = 'list'; elements = 'str'; default = @() }
        include = @{ type = 'list'; elements = 'str'; default = @(); choices = 'integration_services', 'network_adapters', 'hard_drives' }
        cluster_groups = @{ type = 'bool'; default = $true }
        # Controller-only: the action plugin validates it against the documentation and never sends it. Listed
        # here only because validate-modules compares this spec with DOCUMENTATION.
        state = @{ type = 'list'; elements = 'str'; default = @() }
    }
    supports_check_mode = $true
}
$module = [Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-HvAzLocalProbeSpec))
$module.Result._raw = [ordered]@{}
$module.Result.errors = @()
$module.Result.durations = [ordered]@{}
$module.Result.collected_at = ConvertTo-HvAzLocalPlainValue -InputObject ([DateTime]::UtcNow)
$deadline = Get-HvAzLocalProbeDeadline -Module $module

# One stage: what the host offers (host), its VMs with the details asked for (vms: one Get-VM), the
# cluster's groups where this host is a cluster node (cluster_groups), and the host's OS identity
# (os_registry), which tells the controller whether a GUID-named control plane can be the Arc resource
# bridge. vms and cluster_groups return null where Hyper-V or the cluster is absent; host says which.
$vmProbes = Get-HvAzLocalVmProbe
$probes = [ordered]@{
    host = $vmProbes.host
    os_registry = Get-HvAzLocalOsRegistryProbe
    vms = $vmProbes.vms
    cluster_groups = $vmProbes.cluster_groups
}
$context = @{
    VmNames = @($module.Params.name)
    VmIncludes = @($module.Params.include)
    ClusterGroups = $module.Params.cluster_groups
}
$invokeParams = @{
    Module = $module
    Probe = $probes
    Context = $context
    Deadline = $deadline
    TimeoutSeconds = $module.Params.probe_timeout
    Strict = $module.Params.strict
}
$outcome = Invoke-HvAzLocalProbeSet @invokeParams
Add-HvAzLocalProbeOutcome -Module $module -Outcome $outcome

# The vms probe returns its lists in one table: each becomes a key of _raw (vms, integration_services, ...).
$read = $module.Result._raw.vms
if ($null -ne $read) {
    foreach ($key in @($read.Keys)) {
        $module.Result._raw[$key] = $read[$key]
    }
}
$module.ExitJson()
