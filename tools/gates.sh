#!/usr/bin/env bash
# `make test`: every quality gate of hyperv.azlocal, then one PASS/FAIL line per gate.
# Run from anywhere; works on a fresh clone (creates .venv). Run one gate: `make test GATES="unit powershell"`.
# Environment: GATES (space-separated subset), PYTHON (interpreter), HVAZL_WORK (scratch folder).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

ALL_GATES="unit powershell pwsh-e2e sanity lint build-doc galaxy quickstart payload molecule ee runner browser"
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
  git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$qs/checkout" || return 1
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
  if find "$installed" -newer "$installed/MANIFEST.json" | grep -q .; then
    echo "written into the installed collection:"; find "$installed" -newer "$installed/MANIFEST.json"; return 1
  fi
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
