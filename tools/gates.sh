#!/usr/bin/env bash
# `make test`: every quality gate of hyperv.azlocal, then one PASS/FAIL/SKIP line per gate and a count line.
# Run from anywhere; works on a fresh clone or a `git archive` export (creates .venv).
# Run some gates: `make test GATES="unit powershell"`.
# Environment: GATES (space-separated subset), HVAZL_JOBS (1: gates one after another; default two lanes),
# PYTHON (interpreter), HVAZL_WORK (scratch folder),
# CI (`true`: a gate or part that cannot run fails instead of being skipped, unless CI cannot run it either).
# What a gate may end as, and the functions it calls (skip, fail, summary_note, part, need_pwsh, has_files): tools/lib.sh.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

ALL_GATES="unit playbooks powershell pwsh-e2e sanity lint build-doc galaxy quickstart payload molecule ee runner browser"
GATES=${GATES:-$ALL_GATES}
WORK=${HVAZL_WORK:-${TMPDIR:-/tmp}/hyperv-azlocal-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)}
COLL="$WORK/ansible_collections/hyperv/azlocal"
COVERAGE_FLOOR=85
for GATE in $GATES; do
  case " $ALL_GATES " in *" $GATE "*) ;; *) echo "unknown gate '$GATE' (gates: $ALL_GATES)"; exit 2 ;; esac
done

ensure_venv || exit 2
PYV=$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
mkdir -p "$WORK"
results_init "$WORK" || exit 2
echo "hyperv.azlocal gates on Python $PYV, $(ansible --version | sed -n 1p); scratch $WORK$([ "$IN_CI" = 1 ] && echo "; CI: skips fail")"

copy_tree() {
  # ansible-test and ansible-lint need the collection at .../ansible_collections/hyperv/azlocal (a real copy).
  local excludes=() dir
  for dir in "${SCRATCH_DIRS[@]}"; do [ "$dir" = .git ] || excludes+=("--exclude=./$dir"); done
  excludes+=(--exclude=__pycache__)  # written by tests running beside this copy
  rm -rf "$COLL" && mkdir -p "$COLL" || return 1
  tar "${excludes[@]}" -cf - . | tar -xf - -C "$COLL" || return 1
}

# --- the gates ---------------------------------------------------------------------------------------------

pytest_counted() {
  # pytest_counted NAME ARGS...: pytest with ARGS; the summary gets `N passed, N failed, N skipped`, and any
  # failed, skipped (or xfail) test, or none run at all, is a FAIL.
  local name=$1 report="$WORK/$1-junit.xml" rc counts
  shift
  rm -f "$report"
  pytest -q -p no:cacheprovider -rsxX --junitxml="$report" "$@"
  rc=$?
  counts=$(python - "$report" <<'PYEOF'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError) as exc:
    sys.exit("no pytest report: %s" % exc)
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
tests, failed, skipped = (sum(int(s.get(k, 0)) for s in suites) for k in ("tests", "failures", "skipped"))
failed += sum(int(s.get("errors", 0)) for s in suites)
print("%d passed, %d failed, %d skipped" % (tests - failed - skipped, failed, skipped))
PYEOF
) || { fail "$counts"; return; }
  echo "$name: $counts"
  summary_note "$counts"
  [ "$rc" -eq 0 ] || { fail "$counts; pytest exited $rc"; return; }
  case $counts in *" 0 skipped") ;; *) fail "$counts: a skipped test did not run (listed above)"; return ;; esac
  case $counts in "0 passed"*) fail "no test ran"; return ;; esac
}

gate_unit() {
  has_files 'tests/unit/*.py'
  case $? in 0) ;; 1) skip "no unit tests (tests/unit/*.py)"; return ;; *) return 1 ;; esac
  local cov=() stub omit=""
  # Docs-only stubs of PowerShell modules (DOCUMENTATION/EXAMPLES/RETURN, no code) are not Python to cover.
  for stub in plugins/modules/*.py; do
    if [ -f "${stub%.py}.ps1" ] && ! grep -qE '^(def |class |import |from [a-z])' "$stub"; then omit+="    */$stub\n"; fi
  done
  sed "/\*\/plugins\/doc_fragments\/\*/a\\
$omit" tests/unit/.coveragerc >"$WORK/coveragerc"
  has_files 'plugins/*.py'
  case $? in
    0) cov=(--cov="$ROOT/plugins" --cov-config="$WORK/coveragerc" --cov-report=term-missing:skip-covered
            --cov-fail-under="$COVERAGE_FLOOR") ;;
    1) echo "no Python under plugins/ yet: tests run without a coverage floor" ;;
    *) return 1 ;;
  esac
  # (pytest exits non-zero on a failed test or a coverage under the floor, reported above)
  # The test of tools/ps_compat_syntax.ps1 runs pwsh: the powershell gate runs it (ps51-syntax part). The tests
  # that run ansible-playbook are the playbooks gate.
  pytest_counted unit "${cov[@]}" --deselect "$PS_COMPAT_SYNTAX_TEST" "${PLAYBOOK_TESTS[@]/#/--ignore=}" tests/unit
}

PLAYBOOK_TESTS=(tests/unit/roles tests/unit/playbooks)

gate_playbooks() {
  # The roles and playbooks through real ansible-playbook runs (pytest drives them; no coverage: Ansible runs the
  # plugins in processes of its own).
  has_files 'tests/unit/roles/*.py' 'tests/unit/playbooks/*.py'
  case $? in 0) ;; 1) skip "no playbook tests (tests/unit/roles, tests/unit/playbooks)"; return ;; *) return 1 ;; esac
  pytest_counted playbooks --basetemp="$WORK/playbooks-tmp" "${PLAYBOOK_TESTS[@]}"
}

ps_syntax() {
  python tools/ps_syntax_check.py plugins tests
}

ps_argspec() {
  has_files 'plugins/modules/*.ps1'
  case $? in 0) ;; 1) skip "no PowerShell modules (plugins/modules/*.ps1)"; return ;; *) return 1 ;; esac
  python tools/ps_argspec_check.py plugins/modules
}

# shellcheck disable=SC2016 # PowerShell's variables, not the shell's
PESTER_ALL='$c = New-PesterConfiguration; $c.Run.Path = "tests/powershell"; $c.Run.PassThru = $true
$r = Invoke-Pester -Configuration $c
"{0} passed, {1} failed, {2} skipped" -f $r.PassedCount, $r.FailedCount, $r.SkippedCount
exit [int]($r.Result -ne "Passed")'

ps_pester() {
  # tests/powershell/run.ps1: exit 0 iff every test passed; its last line is `N passed, N failed, N skipped`.
  # Without it, Pester test files there are run by Invoke-Pester under the same contract.
  local suite=tests/powershell/run.ps1 log="$WORK/pester.log" rc last run
  if [ -f "$suite" ]; then
    run=(-File "$suite")
  else
    has_files 'tests/powershell/*.Tests.ps1'
    case $? in
      0) run=(-Command "$PESTER_ALL") ;;
      1) skip --ci-ok "no Pester tests (tests/powershell/run.ps1, tests/powershell/*.Tests.ps1) yet"; return ;;
      *) return 1 ;;
    esac
    echo "no $suite: Invoke-Pester on tests/powershell"
  fi
  need_pwsh || return
  echo "pwsh: $PWSH"
  "$PWSH" -NoLogo -NoProfile -NonInteractive "${run[@]}" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  last=$(sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\r$//' "$log" | grep -v '^[[:space:]]*$' | tail -n 1)
  if [[ ! $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    fail "the suite's last line is not 'N passed, N failed, N skipped' (exit $rc): $last"
    return
  fi
  echo "pester: $last"
  summary_note "$last"
  [ "$rc" -eq 0 ] || { fail "$last (the suite exited $rc)"; return; }
  [ "${BASH_REMATCH[2]}" -eq 0 ] || { fail "$last, yet the suite exited 0"; return; }
  [ "${BASH_REMATCH[3]}" -eq 0 ] || { fail "$last: a skipped test did not run"; return; }
  [ "${BASH_REMATCH[1]}" -gt 0 ] || { fail "no test ran"; return; }
}

PS_COMPAT_SYNTAX_TEST=tests/unit/tools/test_ps51_compat_check.py::test_ps_compat_syntax_script

ps51_syntax() {
  # PSScriptAnalyzer's PSUseCompatibleSyntax with target 5.1 (tools/ps_compat_syntax.ps1) on plugins/, then the
  # script's own test (PowerShell 7-only lines found, a clean file passes), which needs pwsh too.
  need_pwsh || return
  "$PWSH" -NoLogo -NoProfile -NonInteractive -File tools/ps_compat_syntax.ps1 plugins || return
  pytest_counted ps51-syntax "$PS_COMPAT_SYNTAX_TEST"
}

gate_powershell() {
  has_files '*.ps1' '*.psm1'
  case $? in 0) ;; 1) skip "no PowerShell files (*.ps1, *.psm1)"; return ;; *) return 1 ;; esac
  part syntax ps_syntax
  part argspec ps_argspec
  # Windows PowerShell 5.1: .NET Framework 4.8 API and PowerShell 6/7-only cmdlet parameters (ps51), then the
  # 5.1 syntax rule of PSScriptAnalyzer (ps51-syntax, needs pwsh). The collection's PowerShell runs on Windows
  # PowerShell 5.1; tests/ runs under PowerShell 7 only.
  part ps51 python tools/ps51_compat_check.py plugins
  part ps51-syntax ps51_syntax
  # Further checks are parts of their own here; one that runs pwsh starts with `need_pwsh || return`
  # (SKIP without pwsh, FAIL in CI).
  part pester ps_pester
  return 0
}

ansible_test_sanity() {
  # ansible-test sanity with ARGS; fails naming the tests that failed, and on a test ansible-test skipped with
  # only a warning (a missing program, an unusable Python).
  local log="$WORK/sanity.log" failed
  ansible-test sanity --local --python "$PYV" --color no "$@" 2>&1 | tee "$log"
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    failed=$(sed -n '/^FATAL: The [0-9]* sanity test(s) listed below/,$p' "$log" | tail -n +2 | paste -sd ' ' -)
    fail "ansible-test sanity failed: ${failed:-see above}"; return
  fi
  if grep -E 'WARNING: (Required program|Skipping sanity test)' "$log"; then
    fail "ansible-test skipped a test (above)"; return
  fi
}

sanity_all() {
  # Every test of ansible-test sanity on every file, pslint and validate-modules on .ps1/.psm1 included.
  ansible_test_sanity || return
  summary_note "every test, pslint and validate-modules on .ps1/.psm1 included"
}

sanity_without_pwsh() {
  # Without pwsh validate-modules stops at the first Ansible.Basic .ps1 module and pslint is skipped: run
  # validate-modules on the other files and every other test.
  local targets
  ansible_test_sanity --skip-test validate-modules --skip-test pslint || return
  targets=$(list_files 'plugins/*') || return 1
  mapfile -t targets < <(grep -vE '\.(ps1|psm1)$' <<<"$targets" | grep .)
  if [ "${#targets[@]}" -eq 0 ]; then echo "no plugins for validate-modules yet"; return 0; fi
  ansible_test_sanity --test validate-modules "${targets[@]}" || return
  summary_note "every test but pslint; validate-modules without .ps1/.psm1"
}

sanity_in_copy() {
  (cd "$COLL" && "$@")
}

gate_pwsh-e2e() {
  # Every PowerShell collector through real Ansible under PowerShell 7 (tests/powershell/e2e/run_e2e.py: with
  # no fakes, on the fake Windows hosts, with a hung probe), then the chain tests on what the collectors printed.
  need_pwsh || return
  echo "pwsh: $PWSH"
  python tests/powershell/e2e/run_e2e.py --out "$WORK/pwsh-e2e" --work "$WORK/pwsh-e2e-work" ||
    { fail "run_e2e.py failed (above)"; return; }
  HVAZLOCAL_COLLECTOR_OUTPUT="$WORK/pwsh-e2e" pytest_counted chain tests/unit/chain
}

gate_sanity() {
  # Offline: ansible-test bootstraps pip with a downloaded get-pip; the shim does it from the stdlib wheel.
  local pipv
  pipv=$(python - <<'PYEOF'
import pathlib, re, ansible_test
src = (pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py").read_text()
print(re.search(r"pip='([0-9.]+)'", src).group(1).replace(".", "_"))
PYEOF
) || return 1
  # ansible-test only warns and skips its shellcheck test when the program is missing: insist on it.
  program shellcheck >/dev/null || { fail "shellcheck is missing (pip install -r requirements-dev.txt)"; return; }
  mkdir -p "$HOME/.ansible/test/cache"
  cp tools/get_pip_shim.py "$HOME/.ansible/test/cache/get_pip_${pipv}.py"
  copy_tree || return 1
  if program pwsh >/dev/null; then
    echo "pwsh: $(program pwsh)"
    sanity_in_copy sanity_all
    return
  fi
  part tests sanity_in_copy sanity_without_pwsh
  part pslint need_pwsh
  part validate-modules-ps need_pwsh
  return 0
}

gate_lint() {
  # What `make lint` runs: ansible-lint on the working tree, offline, the collection found through a link to it.
  bash tools/lint.sh
}

gate_build-doc() {
  rm -rf "$WORK/build" "$WORK/installed"
  ansible-galaxy collection build --force --output-path "$WORK/build" || return 1
  ansible-galaxy collection install --force -p "$WORK/installed" "$WORK"/build/hyperv-azlocal-*.tar.gz || return 1
  ANSIBLE_COLLECTIONS_PATH="$WORK/installed" python tools/doc_check.py --tree "$ROOT" --installed "$WORK/installed"
}

gate_galaxy() {
  # galaxy-importer, what Galaxy and Automation Hub run on an uploaded tarball, with its ansible-lint run
  # (ansible-test off: it needs containers). In a virtualenv of its own, reused while its requirements stay.
  local venv="$WORK/galaxy-importer" want dir="$WORK/galaxy" rc
  want=$(cksum <tools/requirements-galaxy-importer.txt)
  if [ "$(cat "$venv/.requirements" 2>/dev/null)" != "$want" ]; then
    rm -rf "$venv"
    { python -m venv "$venv" && "$venv/bin/python" -m pip install -q -r tools/requirements-galaxy-importer.txt; } \
      >"$WORK/galaxy-importer-pip.log" 2>&1 ||
      { grep -v "^WARNING: Location" "$WORK/galaxy-importer-pip.log" | tail -n 20; return 1; }
    echo "$want" >"$venv/.requirements"
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  ansible-galaxy collection build --force --output-path "$dir" >/dev/null || return 1
  printf '[galaxy-importer]\nRUN_ANSIBLE_TEST = False\nRUN_ANSIBLE_LINT = True\nLOG_LEVEL_MAIN = INFO\n' \
    >"$dir/galaxy-importer.cfg"
  (cd "$dir" && GALAXY_IMPORTER_CONFIG="$dir/galaxy-importer.cfg" PATH="$venv/bin:$PATH" \
     "$venv/bin/python" -m galaxy_importer.main "$dir"/hyperv-azlocal-*.tar.gz) >"$dir/import.log" 2>&1
  rc=$?
  grep -vE "^(Loading|Reading|Found|Importing|Getting doc strings|Finding content|Linting|\.\.\.ansible-lint run)" \
    "$dir/import.log"
  [ "$rc" -eq 0 ] || { echo "galaxy-importer failed (exit $rc)"; return 1; }
  # Galaxy shows the importer's warnings (ansible-lint findings among them) on the collection's page.
  if grep -qE "^(WARNING|ERROR)" "$dir/import.log"; then echo "galaxy-importer reported warnings (above)"; return 1; fi
  grep -q "^Importer processing completed successfully" "$dir/import.log" ||
    { echo "no success line from galaxy-importer"; return 1; }
}

gate_quickstart() {
  # The README's Quick start block, verbatim, as a new user runs it: a fresh HOME and virtualenv (pip's cache
  # reused), a copy of the checkout as the working directory, an inventory.yml of hosts that cannot be reached.
  # The proof must fail on them, with the four reports in ./reports and nothing written into the installed
  # collection.
  local qs="$WORK/quickstart" script rc installed cache userpath
  [ -n "$WORK" ] || return 1
  rm -rf "$qs" && mkdir -p "$qs/home" "$qs/checkout" || return 1
  list_files '*' | xargs -d '\n' cp --parents -t "$qs/checkout" || return 1
  script=$(python tools/quickstart.py README.md) || return 1
  printf '%s\n' "--- README.md Quick start, run in $qs/checkout:" "$script" "---"
  python tools/quickstart.py --inventory >"$qs/checkout/inventory.yml" || return 1
  cache=$(python -m pip cache dir 2>/dev/null || true)
  # the user's PATH without the project's virtualenv (where `python` comes from)
  userpath=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$(dirname "$(command -v python)")" | paste -sd: -)
  (cd "$qs/checkout" && env -i HOME="$qs/home" PATH="$userpath" LANG=C.UTF-8 TMPDIR="${TMPDIR:-/tmp}" \
     ${cache:+PIP_CACHE_DIR="$cache"} bash -e -x -c "$script") >"$qs/run.log" 2>&1
  rc=$?
  tail -n 12 "$qs/run.log" | cut -c1-400
  [ "$rc" -eq 2 ] ||
    { echo "the Quick start ended with exit $rc, not 2 (the proof failing on unreachable hosts): $qs/run.log"; return 1; }
  grep -q "UNREACHABLE" "$qs/run.log" || { echo "no host was tried"; return 1; }
  python tools/quickstart.py --check "$qs/checkout/reports" || return 1
  installed="$qs/home/.ansible/collections/ansible_collections/hyperv/azlocal"
  [ -f "$installed/MANIFEST.json" ] || { echo "the collection was not installed under the fresh HOME"; return 1; }
  # Against the collection's own FILES.json (names and sha256), not file times: the install itself writes files
  # after MANIFEST.json, in the same second or later.
  python - "$installed" <<'PYEOF' || return 1
import hashlib, json, os, sys
root = sys.argv[1]
with open(os.path.join(root, "FILES.json"), encoding="utf-8") as handle:
    listed = {f["name"]: f for f in json.load(handle)["files"] if f["ftype"] == "file"}
written = []
for folder, dirs, files in os.walk(root):
    dirs[:] = [d for d in dirs if d != "__pycache__"]  # Python's bytecode cache of the plugins it imported
    for name in files:
        rel = os.path.relpath(os.path.join(folder, name), root)
        if rel in ("MANIFEST.json", "FILES.json"):
            continue
        entry = listed.get(rel)
        with open(os.path.join(root, rel), "rb") as data:
            digest = hashlib.sha256(data.read()).hexdigest()
        if entry is None or entry.get("chksum_sha256") != digest:
            written.append(rel)
if written:
    sys.exit("written into the installed collection: %s" % ", ".join(sorted(written)))
print("installed collection unchanged: %d files match FILES.json" % len(listed))
PYEOF
}

gate_payload() {
  python tools/payload_smoke.py
}

gate_molecule() {
  local dir name found=0
  for dir in extensions/molecule/*/; do
    [ -f "$dir/molecule.yml" ] || continue
    name=$(basename "$dir")
    found=1
    if [ -f "$dir/REAL_HOSTS_ONLY" ]; then
      part "$name" skip --ci-ok "needs real Windows hosts ($dir""REAL_HOSTS_ONLY)"
    else
      part "$name" molecule test -s "$name"
    fi
  done
  [ "$found" = 1 ] || skip "no molecule scenario (extensions/molecule/*/molecule.yml)"
}

gate_ee() {
  # meta/execution-environment.yml lists this collection's own dependencies only; docs/execution-environment.yml,
  # the documented example EE, builds with a freshly built tarball: ansible-builder create, then what the image's
  # galaxy and builder stages do, without a container engine (install from the generated requirements.yml,
  # ansible-builder's own introspection script on the installed collection).
  local ctx="$WORK/ee" introspect
  rm -rf "$ctx" && mkdir -p "$ctx/definition"
  python -c '
import sys, yaml
meta = yaml.safe_load(open("meta/execution-environment.yml", encoding="utf-8"))
if set(meta) != {"version", "dependencies"} or set(meta["dependencies"]) != {"python", "system"}:
    sys.exit("meta/execution-environment.yml must list only dependencies (python, system), not %s" % sorted(meta))
' || return 1
  ansible-galaxy collection build --force --output-path "$ctx/definition" >/dev/null || return 1
  cp docs/execution-environment.yml "$ctx/definition/"
  ansible-builder create -f "$ctx/definition/execution-environment.yml" -c "$ctx/context" \
    --output-filename Containerfile -v 2 || return 1
  (cd "$ctx/context/_build" && ansible-galaxy collection install --force -r requirements.yml -p "$ctx/installed") \
    >"$ctx/galaxy.log" 2>&1 || { cat "$ctx/galaxy.log"; echo "the generated requirements.yml installs nothing"; return 1; }
  [ -f "$ctx/installed/ansible_collections/hyperv/azlocal/MANIFEST.json" ] ||
    { cat "$ctx/galaxy.log"; echo "hyperv.azlocal was not installed from the build context"; return 1; }
  introspect=$(python "$ctx/context/_build/scripts/introspect.py" introspect "$ctx/installed") || return 1
  echo "$introspect"
  for dep in "pywinrm[kerberos]" "pypsrp[kerberos]" jmespath krb5-devel libkrb5-dev; do
    grep -qF -- "$dep" <<<"$introspect" || { echo "introspection of the installed collection lacks $dep"; return 1; }
  done
}

gate_runner() {
  # The demo as an AWX / Automation Platform job: ansible-runner, process isolation off, installed tarball.
  local inst="$WORK/runner-collections"
  rm -rf "$inst" "$WORK/runner-build"
  ansible-galaxy collection build --force --output-path "$WORK/runner-build" >/dev/null &&
    ansible-galaxy collection install --force -p "$inst" "$WORK"/runner-build/hyperv-azlocal-*.tar.gz >/dev/null 2>&1 || return 1
  python tools/runner_check.py --installed "$inst"
}

gate_browser() {
  # The HTML report in a real browser. Chromium comes from the distribution; as root with apt-get it is installed.
  if ! program chromium >/dev/null; then
    if [ "$(id -u)" != 0 ] || ! program apt-get >/dev/null; then
      skip "chromium is not installed (apt-get install chromium, as root)"; return
    fi
    echo "installing chromium (apt-get)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$WORK/apt.log" 2>&1 ||
       ! program chromium >/dev/null; then
      tail -n 20 "$WORK/apt.log"
      skip "chromium is not installed and apt-get could not install it (log: $WORK/apt.log)"; return
    fi
  fi
  python tools/browser_check.py --out "$WORK/browser"
}

# pytest-ansible links the tree's top-level entries into ./collections when that folder is missing, and several
# gates run pytest: make the links once, fresh, before any gate, so that no two pytest runs race to make them.
rm -rf "$ROOT/collections"
mkdir -p "$ROOT/collections/ansible_collections/hyperv/azlocal" || exit 2
for entry in "$ROOT"/* "$ROOT"/.[!.]*; do
  [ -e "$entry" ] && [ "${entry##*/}" != collections ] || continue
  ln -s "$entry" "$ROOT/collections/ansible_collections/hyperv/azlocal/${entry##*/}" || exit 2
done

# Two lanes side by side (HVAZL_JOBS=1: one after another). The gates that run ansible-lint or molecule in the
# working tree itself (their .ansible/ folder), with the unit tests, share the first lane; the second takes those
# that work on a copy, a tarball or a folder of their own, or only read the tree. The split evens out the two
# lanes' times in CI.
TREE_LANE="unit lint molecule build-doc quickstart payload browser powershell galaxy"
lane1="" lane2=""
for GATE in $GATES; do
  case " $TREE_LANE " in *" $GATE "*) lane1+="$GATE " ;; *) lane2+="$GATE " ;; esac
done
if [ "${HVAZL_JOBS:-2}" = 1 ] || [ -z "$lane1" ] || [ -z "$lane2" ]; then
  # shellcheck disable=SC2086 # GATES is a list of words
  run_gates $GATES
else
  echo "gates in two lanes side by side (HVAZL_JOBS=1: one after another): [$lane1] and [$lane2]"
  run_gate_lanes "$lane1" "$lane2"
fi
# shellcheck disable=SC2086 # GATES is a list of words
summary $GATES
