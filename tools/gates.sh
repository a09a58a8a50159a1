#!/usr/bin/env bash
# `make test`: every quality gate of hyperv.azlocal, then one PASS/FAIL line per gate.
# Run from anywhere; works on a fresh clone (creates .venv). Run one gate: `make test GATES="unit powershell"`.
# Environment: GATES (space-separated subset), PYTHON (interpreter), HVAZL_WORK (scratch folder).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

ALL_GATES="unit powershell pwsh-e2e sanity lint build-doc payload molecule ee runner browser"
GATES=${GATES:-$ALL_GATES}
WORK=${HVAZL_WORK:-${TMPDIR:-/tmp}/hyperv-azlocal-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)}
COLL="$WORK/ansible_collections/hyperv/azlocal"
COVERAGE_FLOOR=85
declare -a SUMMARY=()
FAILED=0

ensure_venv || exit 2
PYV=$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
mkdir -p "$WORK"
echo "hyperv.azlocal gates on Python $PYV, $(ansible --version | head -n1); scratch $WORK"

has_files() { git ls-files --cached --others --exclude-standard -- "$@" | grep -q .; }

copy_tree() {
  # ansible-test and ansible-lint need the collection at .../ansible_collections/hyperv/azlocal (a real copy).
  rm -rf "$COLL" && mkdir -p "$COLL"
  tar --exclude=./.venv --exclude=./.ansible --exclude=./collections --exclude=./tests/output \
      --exclude=./.pytest_cache --exclude=./.hypothesis -cf - . | tar -xf - -C "$COLL"
}

gate_unit() {
  if ! has_files 'tests/unit/*.py'; then echo "no unit tests yet"; return 0; fi
  local cov=() stub
  # Docs-only stubs of PowerShell modules (DOCUMENTATION/EXAMPLES/RETURN, no code) are not Python to cover.
  local omit=""
  for stub in plugins/modules/*.py; do
    if [ -f "${stub%.py}.ps1" ] && ! grep -qE '^(def |class |import |from [a-z])' "$stub"; then omit+="    */$stub\n"; fi
  done
  sed "/\*\/plugins\/doc_fragments\/\*/a\\
$omit" tests/unit/.coveragerc >"$WORK/coveragerc"
  if git ls-files --cached --others --exclude-standard 'plugins/*.py' | grep -qv '^plugins/doc_fragments/'; then
    cov=(--cov="$ROOT/plugins" --cov-config="$WORK/coveragerc" --cov-report=term-missing:skip-covered
         --cov-fail-under="$COVERAGE_FLOOR")
  else
    echo "no Python under plugins/ yet: tests run without a coverage floor"
  fi
  # pytest-ansible links the top-level entries into ./collections once; start from fresh links.
  rm -rf "$ROOT/collections"
  pytest -q -p no:cacheprovider "${cov[@]}" tests/unit
}

gate_powershell() {
  if ! has_files '*.ps1' '*.psm1'; then echo "no PowerShell files yet"; return 0; fi
  python tools/ps_syntax_check.py plugins tests || return 1
  if has_files 'plugins/modules/*.ps1'; then python tools/ps_argspec_check.py plugins/modules; else echo "no PowerShell modules yet"; fi
  # Windows PowerShell 5.1: .NET Framework 4.8 API and PowerShell 6/7-only cmdlet parameters, then the 5.1 syntax
  # rule of PSScriptAnalyzer (needs pwsh: required in CI, else SKIP = return code 77).
  # The collection's PowerShell runs on Windows PowerShell 5.1; tests/ runs under PowerShell 7 only.
  python tools/ps51_compat_check.py plugins || return 1
  if command -v pwsh >/dev/null 2>&1; then
    pwsh -NoLogo -NoProfile -NonInteractive -File tools/ps_compat_syntax.ps1 plugins || return 1
  elif [ "${CI:-}" = true ]; then echo "pwsh is required in CI (PSUseCompatibleSyntax)"; return 1
  else echo "SKIP PSUseCompatibleSyntax (target 5.1): pwsh not found; install PowerShell 7 with PSScriptAnalyzer"; return 77; fi
}

gate_pwsh-e2e() {
  # Every PowerShell collector through real Ansible under PowerShell 7 (tests/powershell/e2e/run_e2e.py: with
  # no fakes, on the fake Windows hosts, with a hung probe), then the chain tests on what the collectors printed.
  # Needs pwsh: required in CI, else SKIP (return code 77).
  if ! command -v pwsh >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then echo "pwsh is required in CI (put ../shared/tools/bin first on PATH)"; return 1; fi
    echo "SKIP: pwsh not found; install PowerShell 7 (https://aka.ms/powershell) or put ../shared/tools/bin first on PATH"
    return 77
  fi
  python tests/powershell/e2e/run_e2e.py --out "$WORK/pwsh-e2e" --work "$WORK/pwsh-e2e-work" || return 1
  HVAZLOCAL_COLLECTOR_OUTPUT="$WORK/pwsh-e2e" pytest -q -p no:cacheprovider -rs tests/unit/chain
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
  command -v shellcheck >/dev/null 2>&1 || { echo "shellcheck is missing (pip install -r requirements-dev.txt)"; return 1; }
  mkdir -p "$HOME/.ansible/test/cache"
  cp tools/get_pip_shim.py "$HOME/.ansible/test/cache/get_pip_${pipv}.py"
  copy_tree
  (
    cd "$COLL" || exit 1
    # validate-modules needs pwsh for .ps1 modules: run it on everything else (tools/ps_argspec_check.py
    # covers the $spec-vs-docs part of the .ps1 modules); pslint needs pwsh too and is skipped.
    ansible-test sanity --local --python "$PYV" --color no --skip-test validate-modules --skip-test pslint || exit 1
    mapfile -t targets < <(git ls-files --cached --others --exclude-standard plugins | grep -vE '\.(ps1|psm1)$')
    if [ "${#targets[@]}" -eq 0 ]; then echo "no plugins for validate-modules yet"; exit 0; fi
    ansible-test sanity --local --python "$PYV" --color no --test validate-modules "${targets[@]}"
  )
}

gate_lint() {
  # offline: true in .ansible-lint; the collection is found through the copy made for sanity.
  [ -d "$COLL" ] || copy_tree
  ANSIBLE_COLLECTIONS_PATH="$WORK" ansible-lint
}

gate_build-doc() {
  rm -rf "$WORK/build" "$WORK/installed"
  ansible-galaxy collection build --force --output-path "$WORK/build" || return 1
  ansible-galaxy collection install --force -p "$WORK/installed" "$WORK"/build/hyperv-azlocal-*.tar.gz || return 1
  ANSIBLE_COLLECTIONS_PATH="$WORK/installed" python tools/doc_check.py --tree "$ROOT" --installed "$WORK/installed"
}

gate_payload() {
  python tools/payload_smoke.py
}

gate_molecule() {
  local scenarios=() dir name
  for dir in extensions/molecule/*/; do
    [ -f "$dir/molecule.yml" ] || continue
    name=$(basename "$dir")
    if [ -f "$dir/REAL_HOSTS_ONLY" ]; then echo "molecule: scenario $name needs real hosts (REAL_HOSTS_ONLY): not run here"; continue; fi
    scenarios+=("$name")
  done
  if [ "${#scenarios[@]}" -eq 0 ]; then echo "no molecule scenario that runs here yet"; return 0; fi
  for name in "${scenarios[@]}"; do
    molecule test -s "$name" || return 1
  done
}

gate_ee() {
  if [ ! -f meta/execution-environment.yml ]; then echo "no execution environment definition yet"; return 0; fi
  local ctx="$WORK/ee" introspect
  rm -rf "$ctx" && mkdir -p "$ctx/meta"
  # The definition names its requirement files relative to the collection root: lay them out the same way.
  cp meta/execution-environment.yml bindep.txt "$ctx/" && cp meta/ee-requirements.txt "$ctx/meta/"
  ansible-builder create -f "$ctx/execution-environment.yml" -c "$ctx/context" --output-filename Containerfile -v 2 || return 1
  grep -q "ansible-galaxy" "$ctx/context/Containerfile" || { echo "Containerfile installs no collections"; return 1; }
  grep -q "pywinrm" "$ctx/context/_build/requirements.txt" || { echo "pywinrm missing from the build context"; return 1; }
  # What an EE that installs this collection gets: ansible-builder's own introspection of the installed tree.
  ansible-galaxy collection build --force --output-path "$ctx/build" >/dev/null &&
    ansible-galaxy collection install --force -p "$ctx/installed" "$ctx"/build/hyperv-azlocal-*.tar.gz >/dev/null 2>&1 || return 1
  introspect=$(python "$(python -c 'import ansible_builder, os; print(os.path.dirname(ansible_builder.__file__))')/_target_scripts/introspect.py" \
               introspect "$ctx/installed") || return 1
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
  # The HTML report in a real browser. Chromium comes from the distribution; CI (root, apt) installs it.
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing chromium (apt-get)"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$WORK/apt.log" 2>&1 ||
        { tail -n 20 "$WORK/apt.log"; return 1; }
    elif [ "${CI:-}" = true ]; then
      echo "chromium is needed and cannot be installed here"; return 1
    else
      echo "chromium is not installed (apt-get install chromium): browser check not run"; return 0
    fi
  fi
  python tools/browser_check.py --out "$WORK/browser"
}

for gate in $GATES; do
  case " $ALL_GATES " in *" $gate "*) ;; *) echo "unknown gate '$gate' (gates: $ALL_GATES)"; exit 2 ;; esac
  echo
  echo "=== gate: $gate"
  start=$SECONDS
  if "gate_$gate"; then status=PASS; else status=FAIL; FAILED=1; fi
  SUMMARY+=("$(printf '%-4s %-10s %4ss' "$status" "$gate" "$((SECONDS - start))")")
done

echo
echo "=== summary"
printf '%s\n' "${SUMMARY[@]}"
if [ "$FAILED" -ne 0 ]; then echo "make test: FAILED"; exit 1; fi
echo "make test: all gates passed"
