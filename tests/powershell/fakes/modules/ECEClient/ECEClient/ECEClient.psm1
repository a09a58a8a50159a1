# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test double of ECEClient's Get-StampInformation (Azure Local), answering from the fixture section
# 'stamp_information' of the fake host. Property names from Azure/AzureLocal-Supportability TSGs
# (StampVersion, ServicesVersion, InstallationMethod); no .NET type name is claimed.

Set-StrictMode -Version 3.0
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../../support/HvAzLocalFake.psm1')

Function Get-StampInformation {
    <#
    .SYNOPSIS
    Test double of Get-StampInformation.
    #>
    [CmdletBinding()]
    param ()

    $caller = 'ECEClient\Get-StampInformation'
    Invoke-HvAzLocalFakeFailure -Caller $caller -Key @('Get-StampInformation') -AccessDenied {
        $exception = New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access is denied.'
        $errorId = 'System.UnauthorizedAccessException,Get-StampInformation'
        New-HvAzLocalFakeErrorRecord -Exception $exception -ErrorId $errorId -Category NotSpecified -Activity 'Get-StampInformation'
    }
    [pscustomobject](Get-HvAzLocalFakeSection -Caller $caller -Name stamp_information)
}

Export-ModuleMember -Function Get-StampInformation
