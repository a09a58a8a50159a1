# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test double of the Hyper-V module: the Get-* cmdlets the collectors call, answering from the fixture
# section 'hyperv' of the fake host (HVAZLOCAL_TEST_FIXTURE) with objects of the real types
# (Microsoft.HyperV.PowerShell.VirtualMachine, VMState, ...; HyperVTypes.cs).

Set-StrictMode -Version 3.0
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../../support/HvAzLocalFake.psm1')
$typesPath = Join-Path -Path $PSScriptRoot -ChildPath 'HyperVTypes.cs'
Import-HvAzLocalFakeType -Path $typesPath -Probe 'Microsoft.HyperV.PowerShell.VMState'

Function Invoke-FakeHyperVFailure {
    param ([string]$Command)

    Invoke-HvAzLocalFakeFailure -Caller "Hyper-V\$Command" -Key @($Command) -AccessDenied {
        # Worded as Hyper-V words it for an account outside "Hyper-V Administrators".
        $computer = [string](Get-HvAzLocalFakeSection -Caller "Hyper-V\$Command" -Name computer_name)
        $message = 'You do not have the required permission to complete this task. ' +
        "Contact the administrator of the authorization policy for the computer '$computer'."
        $exception = New-Object -TypeName Microsoft.HyperV.PowerShell.VirtualizationException -ArgumentList $message
        $commandClass = 'Microsoft.HyperV.PowerShell.Commands.' + $Command.Replace('-', '')
        New-HvAzLocalFakeErrorRecord -Exception $exception -ErrorId "Unspecified,$commandClass" -Category PermissionDenied -Activity $Command
    }
}

Function Get-FakeHyperVSection {
    param ([string]$Command)

    Get-HvAzLocalFakeSection -Caller "Hyper-V\$Command" -Name hyperv
}

Function New-FakeVirtualMachine {
    param ([System.Collections.IDictionary]$Data, [string]$ComputerName)

    $vm = New-Object -TypeName Microsoft.HyperV.PowerShell.VirtualMachine
    $null = Set-HvAzLocalFakeProperty -InputObject $vm -Value $Data -Caller 'Hyper-V\Get-VM' -Skip @('IntegrationServices', 'NetworkAdapters', 'HardDrives')
    $vm.ComputerName = $ComputerName
    $vm
}

Function Get-FakeVmData {
    <#
    .SYNOPSIS
    The fixture entries of the given VMs (all VMs when none are given), matched by Id.
    #>
    param ([string]$Command, [object[]]$VM, [string[]]$VMName)

    $all = @((Get-FakeHyperVSection -Command $Command)['vms'])
    if ($VM) {
        $ids = @($VM | ForEach-Object { [string]$_.Id })
        return @($all | Where-Object { $ids -contains [string]$_['Id'] })
    }
    if ($VMName) {
        return @($all | Where-Object { $entry = $_; @($VMName | Where-Object { $entry['Name'] -like $_ }).Count -gt 0 })
    }
    $all
}

Function Get-VM {
    <#
    .SYNOPSIS
    Test double of Hyper-V\Get-VM.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.HyperV.PowerShell.VirtualMachine])]
    param (
        [Parameter(Position = 0)]
        [Alias('VMName')]
        [string[]]
        $Name,

        [guid[]]
        $Id,

        [string[]]
        $ComputerName
    )

    Invoke-FakeHyperVFailure -Command Get-VM
    $section = Get-FakeHyperVSection -Command Get-VM
    $computer = [string](Get-HvAzLocalFakeSection -Caller 'Hyper-V\Get-VM' -Name computer_name)
    $vms = @(foreach ($entry in @($section['vms'])) {
            New-FakeVirtualMachine -Data $entry -ComputerName $computer
        })
    if ($Id) {
        $vms = @($vms | Where-Object { $Id -contains $_.Id })
    }
    Select-HvAzLocalFakeByName -InputObject $vms -Name $Name
}

Function Get-VMHost {
    <#
    .SYNOPSIS
    Test double of Hyper-V\Get-VMHost.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.HyperV.PowerShell.VMHost])]
    param (
        [string[]]
        $ComputerName
    )

    Invoke-FakeHyperVFailure -Command Get-VMHost
    $data = (Get-FakeHyperVSection -Command Get-VMHost)['vmhost']
    $vmHost = New-Object -TypeName Microsoft.HyperV.PowerShell.VMHost
    $null = Set-HvAzLocalFakeProperty -InputObject $vmHost -Value $data -Caller 'Hyper-V\Get-VMHost' -Skip @('SupportedVmVersions')
    if ($data.ContainsKey('SupportedVmVersions')) {
        $vmHost.SupportedVmVersions = [System.Collections.Generic.List[string]][string[]]@($data['SupportedVmVersions'])
    }
    $vmHost
}

Function Get-VMHostSupportedVersion {
    <#
    .SYNOPSIS
    Test double of Hyper-V\Get-VMHostSupportedVersion.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.HyperV.PowerShell.VMHostSupportedVersion])]
    param (
        [switch]
        $Default,

        [string[]]
        $ComputerName
    )

    Invoke-FakeHyperVFailure -Command Get-VMHostSupportedVersion
    $computer = [string](Get-HvAzLocalFakeSection -Caller 'Hyper-V\Get-VMHostSupportedVersion' -Name computer_name)
    foreach ($entry in @((Get-FakeHyperVSection -Command Get-VMHostSupportedVersion)['supported_versions'])) {
        $version = New-Object -TypeName Microsoft.HyperV.PowerShell.VMHostSupportedVersion
        $null = Set-HvAzLocalFakeProperty -InputObject $version -Value $entry -Caller 'Hyper-V\Get-VMHostSupportedVersion'
        $version.ComputerName = $computer
        if (-not $Default -or $version.IsDefault) {
            $version
        }
    }
}

Function Get-VMChildObject {
    <#
    .SYNOPSIS
    The per-VM objects of one kind (integration services, network adapters, hard drives) of the given VMs.
    #>
    param ([string]$Command, [string]$Key, [string]$TypeName, [object[]]$VM, [string[]]$VMName)

    Invoke-FakeHyperVFailure -Command $Command
    $computer = [string](Get-HvAzLocalFakeSection -Caller "Hyper-V\$Command" -Name computer_name)
    foreach ($entry in @(Get-FakeVmData -Command $Command -VM $VM -VMName $VMName)) {
        if (-not $entry.ContainsKey($Key)) {
            continue
        }
        foreach ($child in @($entry[$Key])) {
            $object = New-Object -TypeName $TypeName
            $null = Set-HvAzLocalFakeProperty -InputObject $object -Value $child -Caller "Hyper-V\$Command"
            $object.VMId = [guid]$entry['Id']
            $object.VMName = [string]$entry['Name']
            $object.ComputerName = $computer
            $object
        }
    }
}

Function Get-VMIntegrationService {
    <#
    .SYNOPSIS
    Test double of Hyper-V\Get-VMIntegrationService.
    #>
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType([Microsoft.HyperV.PowerShell.VMIntegrationComponent])]
    param (
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'VMName')]
        [string[]]
        $VMName,

        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'VMObject', ValueFromPipeline = $true)]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]
        $VM
    )

    begin {
        $vms = [System.Collections.Generic.List[object]]@()
    }
    process {
        foreach ($item in @($VM)) {
            if ($null -ne $item) {
                $vms.Add($item)
            }
        }
    }
    end {
        $type = 'Microsoft.HyperV.PowerShell.VMIntegrationComponent'
        Get-VMChildObject -Command Get-VMIntegrationService -Key IntegrationServices -TypeName $type -VM $vms.ToArray() -VMName $VMName
    }
}

Function Get-VMNetworkAdapter {
    <#
    .SYNOPSIS
    Test double of Hyper-V\Get-VMNetworkAdapter (VM adapters; -ManagementOS is not modelled).
    #>
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType([Microsoft.HyperV.PowerShell.VMNetworkAdapter])]
    param (
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'VMName')]
        [string[]]
        $VMName,

        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'VMObject', ValueFromPipeline = $true)]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]
        $VM,

        [Parameter(Mandatory = $true, ParameterSetName = 'All')]
        [switch]
        $All
    )

    begin {
        $vms = [System.Collections.Generic.List[object]]@()
    }
    process {
        foreach ($item in @($VM)) {
            if ($null -ne $item) {
                $vms.Add($item)
            }
        }
    }
    end {
        $type = 'Microsoft.HyperV.PowerShell.VMNetworkAdapter'
        Get-VMChildObject -Command Get-VMNetworkAdapter -Key NetworkAdapters -TypeName $type -VM $vms.ToArray() -VMName $VMName
    }
}

Function Get-VMHardDiskDrive {
    <#
    .SYNOPSIS
    Test double of Hyper-V\Get-VMHardDiskDrive.
    #>
    [CmdletBinding(DefaultParameterSetName = 'VMName')]
    [OutputType([Microsoft.HyperV.PowerShell.HardDiskDrive])]
    param (
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'VMName')]
        [string[]]
        $VMName,

        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'VMObject', ValueFromPipeline = $true)]
        [Microsoft.HyperV.PowerShell.VirtualMachine[]]
        $VM
    )

    begin {
        $vms = [System.Collections.Generic.List[object]]@()
    }
    process {
        foreach ($item in @($VM)) {
            if ($null -ne $item) {
                $vms.Add($item)
            }
        }
    }
    end {
        Get-VMChildObject -Command Get-VMHardDiskDrive -Key HardDrives -TypeName Microsoft.HyperV.PowerShell.HardDiskDrive -VM $vms.ToArray() -VMName $VMName
    }
}

$exportMembers = @{
    Function = @(
        'Get-VM'
        'Get-VMHardDiskDrive'
        'Get-VMHost'
        'Get-VMHostSupportedVersion'
        'Get-VMIntegrationService'
        'Get-VMNetworkAdapter'
    )
}
Export-ModuleMember @exportMembers
