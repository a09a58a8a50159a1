# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test double of the CimCmdlets module: Get-CimInstance answers from the fixture section 'cim' of the fake
# host (HVAZLOCAL_TEST_FIXTURE). Instances carry the CIM type names PowerShell gives them and typed values
# (uint32, uint16, DateTime in local time, Boolean, string) per the WMI class schema below; -Property leaves
# the other non-key properties $null as a partial instance does; -Filter understands the WQL comparisons
# the collectors use (=, LIKE, joined by AND / OR) and rejects anything else.

Set-StrictMode -Version 3.0
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../../support/HvAzLocalFake.psm1')

$script:CommandClass = 'Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand'

# Class -> superclasses (most derived first), key properties and property CIM types, from the class
# pages of the WMI reference on Microsoft Learn (Win32_OperatingSystem, Win32_ComputerSystem, ...).
$script:CimSchema = @{
    Win32_OperatingSystem = @{
        Superclasses = @('CIM_OperatingSystem', 'CIM_LogicalElement', 'CIM_ManagedSystemElement')
        Keys = @('Name')
        Properties = @{
            Name = 'string'; Caption = 'string'; Version = 'string'; BuildNumber = 'string'; CSDVersion = 'string'
            OperatingSystemSKU = 'uint32'; ProductType = 'uint32'; OSArchitecture = 'string'; LastBootUpTime = 'datetime'
            InstallDate = 'datetime'; CSName = 'string'; SystemDirectory = 'string'; WindowsDirectory = 'string'
        }
    }
    Win32_ComputerSystem = @{
        Superclasses = @('CIM_UnitaryComputerSystem', 'CIM_ComputerSystem', 'CIM_System', 'CIM_LogicalElement', 'CIM_ManagedSystemElement')
        Keys = @('Name')
        Properties = @{
            Name = 'string'; DNSHostName = 'string'; Domain = 'string'; PartOfDomain = 'boolean'; Manufacturer = 'string'
            Model = 'string'; HypervisorPresent = 'boolean'; SystemType = 'string'; TotalPhysicalMemory = 'uint64'
        }
    }
    Win32_Processor = @{
        Superclasses = @('CIM_Processor', 'CIM_LogicalDevice', 'CIM_LogicalElement', 'CIM_ManagedSystemElement')
        Keys = @('DeviceID')
        Properties = @{
            DeviceID = 'string'; Manufacturer = 'string'; Architecture = 'uint16'; Name = 'string'; NumberOfCores = 'uint32'
            NumberOfLogicalProcessors = 'uint32'; VirtualizationFirmwareEnabled = 'boolean'; SecondLevelAddressTranslationExtensions = 'boolean'
        }
    }
    Win32_Service = @{
        Superclasses = @('Win32_BaseService', 'CIM_Service', 'CIM_LogicalElement', 'CIM_ManagedSystemElement')
        Keys = @('Name')
        Properties = @{ Name = 'string'; State = 'string'; StartMode = 'string'; DisplayName = 'string'; PathName = 'string' }
    }
    Win32_OptionalFeature = @{
        Superclasses = @()
        Keys = @('Name')
        Properties = @{ Name = 'string'; Caption = 'string'; InstallState = 'uint32' }
    }
    Win32_BIOS = @{
        Superclasses = @('CIM_BIOSElement', 'CIM_SoftwareElement', 'CIM_LogicalElement', 'CIM_ManagedSystemElement')
        Keys = @('Name', 'SoftwareElementID', 'SoftwareElementState', 'TargetOperatingSystem', 'Version')
        Properties = @{
            Name = 'string'; SoftwareElementID = 'string'; SoftwareElementState = 'uint16'; TargetOperatingSystem = 'uint16'
            Version = 'string'; Manufacturer = 'string'; SMBIOSBIOSVersion = 'string'; ReleaseDate = 'datetime'; SerialNumber = 'string'
        }
    }
    Win32_SystemEnclosure = @{
        Superclasses = @('CIM_Chassis', 'CIM_PhysicalFrame', 'CIM_PhysicalPackage', 'CIM_PhysicalElement', 'CIM_ManagedSystemElement')
        Keys = @('Tag')
        Properties = @{ Tag = 'string'; SMBIOSAssetTag = 'string'; Manufacturer = 'string'; SerialNumber = 'string'; ChassisTypes = 'uint16[]' }
    }
}

Function ConvertTo-FakeCimValue {
    param ([object]$Value, [string]$CimType, [string]$Where)

    if ($null -eq $Value) {
        return $null
    }
    switch ($CimType) {
        'string' { return [string]$Value }
        'boolean' { return [bool]$Value }
        'uint16' { return [uint16]$Value }
        'uint32' { return [uint32]$Value }
        'uint64' { return [uint64]$Value }
        'sint32' { return [int]$Value }
        'datetime' { return ConvertTo-HvAzLocalFakeDateTime -Value $Value }
        'uint16[]' { return [uint16[]]@($Value) }
        'string[]' { return [string[]]@($Value) }
        default { throw "fake CimCmdlets: unknown CIM type '$CimType' for $Where" }
    }
}

Function New-CimAccessDenied {
    param ([string]$Namespace, [string]$ClassName)

    # The real exception comes from MI_RESULT_ACCESS_DENIED through CimException's internal constructor:
    # NativeErrorCode AccessDenied, message "Access denied " (trailing space as WMI writes it), default HResult.
    $miResult = [Microsoft.Management.Infrastructure.CimException].Assembly.GetType('Microsoft.Management.Infrastructure.Native.MI_Result')
    $flags = [System.Reflection.BindingFlags]'NonPublic, Instance'
    $constructors = [Microsoft.Management.Infrastructure.CimException].GetConstructors($flags)
    $constructor = $constructors | Where-Object { $_.GetParameters().Count -eq 4 } | Select-Object -First 1
    $exception = $constructor.Invoke(@([Enum]::ToObject($miResult, 2), $null, $null, 'Access denied '))
    $target = '{0}:{1}:String' -f $Namespace.Replace('/', '\'), $ClassName
    $record = @{
        Exception = $exception
        ErrorId = 'HRESULT 0x80041003,' + $script:CommandClass
        Category = 'PermissionDenied'
        Activity = 'Get-CimInstance'
        TargetObject = $target
    }
    New-HvAzLocalFakeErrorRecord @record
}

Function Test-FakeWqlFilter {
    <#
    .SYNOPSIS
    Evaluates the WQL WHERE clauses the collectors use: Prop = 'x', Prop LIKE 'x%', joined by AND / OR.
    #>
    param ([System.Collections.IDictionary]$Instance, [string]$Filter, [string]$ClassName)

    $anyOr = $false
    foreach ($disjunct in [regex]::Split($Filter, '\s+OR\s+', 'IgnoreCase')) {
        $all = $true
        foreach ($term in [regex]::Split($disjunct, '\s+AND\s+', 'IgnoreCase')) {
            $match = [regex]::Match($term.Trim(), '^(\w+)\s*(=|<>|!=|\s+LIKE\s+)\s*(''([^'']*)''|"([^"]*)")$', 'IgnoreCase')
            if (-not $match.Success) {
                $exception = New-Object -TypeName Microsoft.Management.Infrastructure.CimException -ArgumentList 'Invalid query '
                $record = @{
                    Exception = $exception
                    ErrorId = 'HRESULT 0x80041017,' + $script:CommandClass
                    Category = 'InvalidArgument'
                    Activity = 'Get-CimInstance'
                    TargetObject = $Filter
                }
                throw (New-HvAzLocalFakeErrorRecord @record)
            }
            $property = $match.Groups[1].Value
            $operator = $match.Groups[2].Value.Trim().ToUpperInvariant()
            $literal = if ($match.Groups[4].Success) { $match.Groups[4].Value } else { $match.Groups[5].Value }
            $actual = $null
            foreach ($key in $Instance.Keys) {
                if ($key -eq $property) {
                    $actual = [string]$Instance[$key]
                }
            }
            switch ($operator) {
                '=' { $holds = [string]::Equals($actual, $literal, [System.StringComparison]::OrdinalIgnoreCase) }
                'LIKE' {
                    $pattern = '^' + [regex]::Escape($literal).Replace('%', '.*').Replace('_', '.') + '$'
                    $holds = ($null -ne $actual) -and [regex]::IsMatch($actual, $pattern, 'IgnoreCase')
                }
                default { $holds = -not [string]::Equals($actual, $literal, [System.StringComparison]::OrdinalIgnoreCase) }
            }
            if (-not $holds) {
                $all = $false
            }
        }
        if ($all) {
            $anyOr = $true
        }
    }
    $anyOr
}

Function Get-CimInstance {
    <#
    .SYNOPSIS
    Test double of CimCmdlets\Get-CimInstance (class query form) reading the fake host's fixture.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidOverwritingBuiltInCmdlets', '', Justification = 'A test double of this cmdlet')]
    [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
    param (
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'ClassNameComputerSet')]
        [string]
        $ClassName,

        [string]
        $Namespace = 'root/cimv2',

        [string]
        $Filter,

        [Alias('SelectProperties')]
        [string[]]
        $Property,

        [string[]]
        $ComputerName,

        [uint32]
        $OperationTimeoutSec
    )

    $Namespace = $Namespace.Replace('\', '/')
    Invoke-HvAzLocalFakeFailure -Caller 'CimCmdlets\Get-CimInstance' -Key @('Get-CimInstance', "Get-CimInstance:$ClassName") -AccessDenied {
        New-CimAccessDenied -Namespace $Namespace -ClassName $ClassName
    }

    $cim = Get-HvAzLocalFakeSection -Caller 'CimCmdlets\Get-CimInstance' -Name cim
    $schema = $script:CimSchema[$ClassName]
    $instances = $null
    foreach ($key in $cim.Keys) {
        if ($key -eq $ClassName -or $key -eq "${Namespace}:$ClassName") {
            $instances = $cim[$key]
        }
    }
    if ($null -eq $schema) {
        throw "fake CimCmdlets: no schema for class '$ClassName' in CimCmdlets.psm1; add its keys and property types"
    }
    if ($null -eq $instances) {
        throw "fake CimCmdlets: fixture '$env:HVAZLOCAL_TEST_FIXTURE' has no cim.$ClassName (write [] for a class without instances)"
    }

    foreach ($instance in @($instances)) {
        foreach ($name in $instance.Keys) {
            if (-not $schema.Properties.ContainsKey($name)) {
                throw "fake CimCmdlets: fixture property '$ClassName.$name' is not in the schema of CimCmdlets.psm1"
            }
        }
        if ($Filter -and -not (Test-FakeWqlFilter -Instance $instance -Filter $Filter -ClassName $ClassName)) {
            continue
        }
        $object = [ordered]@{}
        foreach ($name in ($schema.Properties.Keys | Sort-Object)) {
            $value = $null
            $wanted = (-not $Property) -or ($Property -contains $name) -or ($schema.Keys -contains $name)
            if ($wanted -and $instance.ContainsKey($name)) {
                $value = ConvertTo-FakeCimValue -Value $instance[$name] -CimType $schema.Properties[$name] -Where "$ClassName.$name"
            }
            $object[$name] = $value
        }
        $result = [pscustomobject]$object
        $result.PSObject.TypeNames.Clear()
        foreach ($class in @($ClassName) + $schema.Superclasses) {
            $result.PSObject.TypeNames.Add("Microsoft.Management.Infrastructure.CimInstance#$Namespace/$class")
        }
        foreach ($class in @($ClassName) + $schema.Superclasses) {
            $result.PSObject.TypeNames.Add("Microsoft.Management.Infrastructure.CimInstance#$class")
        }
        $result.PSObject.TypeNames.Add('Microsoft.Management.Infrastructure.CimInstance')
        $result.PSObject.TypeNames.Add('System.Object')
        $result
    }
}

Export-ModuleMember -Function Get-CimInstance
