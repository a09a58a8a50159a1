# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# The name option of vm_info (and host_facts' include_vms): -like patterns matched against Get-VM's names the way
# Hyper-V\Get-VM -Name matches them, without regard to case. The vms probe of Get-HvAzLocalVmProbe runs through
# the probe runner against stand-in CimCmdlets and Hyper-V modules that this file writes to its TestDrive and
# removes again, so other test files keep their own stand-ins.

BeforeAll {
    $script:runnerPath = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'plugins', 'module_utils', '_HvAzLocalProbe.psm1'))
    Import-Module -Name $script:runnerPath -Force

    $script:savedModulePath = $env:PSModulePath
    $script:fakeNames = @('CimCmdlets', 'Hyper-V')
    Get-Module -Name $script:fakeNames | Remove-Module -Force

    $root = [System.IO.Path]::Combine($TestDrive, 'vm-name-filter-modules')
    $null = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($root, 'CimCmdlets')), ([System.IO.Path]::Combine($root, 'Hyper-V'))
    # Win32_Service as the probe asks for it: vmms running.
    Set-Content -LiteralPath ([System.IO.Path]::Combine($root, 'CimCmdlets', 'CimCmdlets.psm1')) -Value @'
Function Get-CimInstance {
    param ([string]$ClassName, [string]$Filter, [string[]]$Property)
    [pscustomobject]@{ Name = 'vmms'; State = 'Running' }
}
Export-ModuleMember -Function Get-CimInstance
'@
    # Get-VM returns the VMs with the names as Hyper-V keeps them (mixed case).
    Set-Content -LiteralPath ([System.IO.Path]::Combine($root, 'Hyper-V', 'Hyper-V.psm1')) -Value @'
Function Get-VM {
    foreach ($name in @('Web01', 'web02', 'DB01', 'WEB-Test', 'app')) {
        [pscustomobject]@{ Name = $name; Id = [guid]::NewGuid(); State = 'Running'; ComputerName = 'HV01' }
    }
}
Export-ModuleMember -Function Get-VM
'@
    $env:PSModulePath = $root + [System.IO.Path]::PathSeparator + $env:PSModulePath

    Function Get-VmName {
        param ([string[]]$Pattern)
        $probes = Get-HvAzLocalVmProbe
        $fake = [pscustomobject]@{ Params = @{ probe_timeout = 30 }; Result = @{} }
        $fake | Add-Member -MemberType ScriptMethod -Name Warn -Value { param($message) throw "Warn: $message" }
        $fake | Add-Member -MemberType ScriptMethod -Name FailJson -Value { param($message) throw "FailJson: $message" }
        $invokeParams = @{
            Module = $fake
            Probe = [ordered]@{ vms = $probes.vms }
            Context = @{ VmNames = @($Pattern); VmIncludes = @(); ClusterGroups = $false }
            Deadline = [DateTime]::UtcNow.AddSeconds(30)
            TimeoutSeconds = 30
        }
        $outcome = Invoke-HvAzLocalProbeSet @invokeParams
        $outcome.Errors | Should -HaveCount 0
        # The names in Get-VM's order, as one text: an empty result stays comparable.
        @($outcome.Data.vms.vms | ForEach-Object { $_.Name }) -join ','
    }
}

AfterAll {
    $env:PSModulePath = $script:savedModulePath
    Get-Module -Name $script:fakeNames | Remove-Module -Force
}

Describe 'vm_info name patterns' {
    It 'returns every VM without a pattern' {
        Get-VmName -Pattern @() | Should -BeExactly 'Web01,web02,DB01,WEB-Test,app'
    }

    It 'matches <Pattern> without regard to case, as Get-VM -Name does' -ForEach @(
        @{ Pattern = @('web*'); Expected = 'Web01,web02,WEB-Test' }
        @{ Pattern = @('WEB0?'); Expected = 'Web01,web02' }
        @{ Pattern = @('db01'); Expected = 'DB01' }
        @{ Pattern = @('APP', 'db*'); Expected = 'DB01,app' }
    ) {
        Get-VmName -Pattern $Pattern | Should -BeExactly $Expected
    }

    It 'matches a whole name, not a part of it' {
        Get-VmName -Pattern @('web') | Should -BeExactly ''
        Get-VmName -Pattern @('eb01') | Should -BeExactly ''
    }
}
