# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test double of Microsoft.AzureStack.Lcm.PowerShell, the Azure Local Lifecycle Manager module that ships
# Get-SolutionUpdateEnvironment (its errors read "...,Microsoft.AzureStack.Lcm.PowerShell.
# GetSolutionUpdateEnvironmentCmdlet"). Answers from the fixture section 'solution_update' of the fake host.
# The object's property names and kinds are those of the published output (tests/powershell/fixtures/
# SOURCES.md); its .NET type name is not public, so none is claimed.

Set-StrictMode -Version 3.0
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../../support/HvAzLocalFake.psm1')

Function Get-SolutionUpdateEnvironment {
    <#
    .SYNOPSIS
    Test double of Get-SolutionUpdateEnvironment.
    #>
    [CmdletBinding()]
    param ()

    $caller = 'Microsoft.AzureStack.Lcm.PowerShell\Get-SolutionUpdateEnvironment'
    Invoke-HvAzLocalFakeFailure -Caller $caller -Key @('Get-SolutionUpdateEnvironment') -AccessDenied {
        $exception = New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access is denied.'
        $errorId = 'System.UnauthorizedAccessException,Microsoft.AzureStack.Lcm.PowerShell.GetSolutionUpdateEnvironmentCmdlet'
        New-HvAzLocalFakeErrorRecord -Exception $exception -ErrorId $errorId -Category NotSpecified -Activity 'Get-SolutionUpdateEnvironment'
    }
    $section = Get-HvAzLocalFakeSection -Caller $caller -Name solution_update
    foreach ($entry in @($section['environment'])) {
        $object = [ordered]@{}
        foreach ($name in $entry.Keys) {
            $value = $entry[$name]
            if ($name -in @('LastChecked', 'LastUpdated', 'HealthCheckDate') -and $null -ne $value) {
                $value = ConvertTo-HvAzLocalFakeDateTime -Value $value
            }
            $object[$name] = $value
        }
        [pscustomobject]$object
    }
}

Export-ModuleMember -Function Get-SolutionUpdateEnvironment
