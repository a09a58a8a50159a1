# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# The guest rule vectors (tests/unit/data/guest_facts/rule_vectors.json) through the PowerShell evaluator of
# plugins/modules/win_guest_facts.ps1: its rule table ($guestRules) and its functions Select-HvAzLocalGuestRule and
# Get-HvAzLocalGuestVerdict, taken out of the module's syntax tree and run as they are. The same vectors run through
# _guest.guest_verdict in tests/unit/plugins/module_utils/test_guest_rule_vectors.py, so both implementations give
# the same verdict for every case.

BeforeDiscovery {
    $vectorPath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'unit', 'data', 'guest_facts', 'rule_vectors.json')
    $script:cases = @((Get-Content -LiteralPath $vectorPath -Raw | ConvertFrom-Json -AsHashtable).cases)
}

BeforeAll {
    $modulePath = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'plugins', 'modules', 'win_guest_facts.ps1'))
    $tokens = $null
    $parseErrors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($modulePath, [ref]$tokens, [ref]$parseErrors)
    $parseErrors | Should -HaveCount 0

    $wanted = @('Select-HvAzLocalGuestRule', 'Get-HvAzLocalGuestVerdict')
    $functions = @($ast.FindAll({
                param($node)
                $node -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $node.Name -in $wanted
            }, $true))
    $functions | Should -HaveCount $wanted.Count
    $tables = @($ast.FindAll({
                param($node)
                $node -is [System.Management.Automation.Language.AssignmentStatementAst] -and
                $node.Left.Extent.Text -eq '$guestRules'
            }, $true))
    $tables | Should -HaveCount 1

    # Defines the two functions and $guestRules in this scope: the module's own text, nothing rewritten.
    . ([scriptblock]::Create((@($functions.Extent.Text) + $tables[0].Extent.Text) -join [Environment]::NewLine))

    $script:signalNames = @('vendor', 'product', 'asset_tag', 'bios_vendor', 'bios_version', 'firmware_type',
        'vmbus_devices', 'container', 'cpu_hypervisor_flag', 'kvp_host_data')

    Function ConvertTo-VectorText {
        # One comparable text of a verdict: the values with their types (2 and '2' differ, $null and '' differ).
        param ([System.Collections.IDictionary]$Verdict)
        $parts = foreach ($key in @('hypervisor', 'is_hyperv_guest', 'cloud', 'generation')) {
            '{0}={1}' -f $key, (ConvertTo-Json -InputObject $Verdict[$key] -Compress)
        }
        $matched = foreach ($table in @('hypervisor', 'cloud', 'generation')) {
            'matched.{0}={1}' -f $table, (ConvertTo-Json -InputObject $Verdict['matched'][$table] -Compress)
        }
        @($parts) + @($matched) -join '; '
    }
}

Describe 'guest rule vectors through win_guest_facts.ps1' {
    It '<name>' -ForEach $cases {
        # The module builds every signal, with $null for what it did not observe; a vector leaves those out.
        $signal = [ordered]@{}
        foreach ($name in $signalNames) {
            $signal[$name] = $signals[$name]
        }
        $verdict = Get-HvAzLocalGuestVerdict -Rule $guestRules -Signal $signal
        @($verdict.Keys) | Should -Be @('hypervisor', 'is_hyperv_guest', 'cloud', 'generation', 'matched')
        ConvertTo-VectorText -Verdict $verdict | Should -BeExactly (ConvertTo-VectorText -Verdict $expect)
    }

    It 'has a vector that each rule of the table decides' {
        $decided = @{}
        foreach ($case in $cases) {
            foreach ($table in $case.expect.matched.Keys) {
                $decided["$table/$($case.expect.matched[$table])"] = $true
            }
        }
        $undecided = foreach ($table in $guestRules.Keys) {
            foreach ($rule in $guestRules[$table]) {
                if (-not $decided.ContainsKey("$table/$($rule.id)")) {
                    "$table/$($rule.id)"
                }
            }
        }
        @($undecided) | Should -HaveCount 0
    }
}
