# shellcheck shell=bash
# Shared by tools/gates.sh and tools/demo.sh (sourced, not run).
# Picks the Python, creates the project virtualenv and keeps it in step with the requirement files;
# runs the quality gates and prints their summary (PASS, FAIL, SKIP).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}

note() { printf '%s\n' "$*" >&2; }

python_ok() {
  # $1 = interpreter; succeeds for a CPython >= $2.$3 with venv and ensurepip.
  "$1" -c "import sys, venv, ensurepip; sys.exit(0 if sys.version_info[:2] >= ($2, $3) else 1)" >/dev/null 2>&1
}

find_python() {
  # ansible-core 2.20+ needs Python 3.12; 2.19 (the last for 3.11) is the fallback.
  local cand
  if [ -n "${PYTHON:-}" ]; then
    if python_ok "$PYTHON" 3 11; then echo "$PYTHON"; return 0; fi
    note "PYTHON=$PYTHON is not a Python 3.11 or newer with venv and ensurepip."
    return 1
  fi
  local pyenv_pythons=()
  mapfile -t pyenv_pythons < <(printf '%s\n' "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12.*/bin/python3.12 | sort -rV)
  for cand in python3.12 "${pyenv_pythons[@]}"; do
    if python_ok "$cand" 3 12; then echo "$cand"; return 0; fi
  done
  for cand in python3.11 python3; do
    if python_ok "$cand" 3 11; then
      note "notice: no Python 3.12 found; using $($cand -V 2>&1) (ansible-core 2.19). Set PYTHON=... to choose."
      echo "$cand"; return 0
    fi
  done
  note "error: hyperv.azlocal needs Python 3.12 (preferred) or 3.11 with the venv module; none was found."
  note "       Install one (e.g. apt-get install python3.11-venv) or set PYTHON=/path/to/python3.12."
  return 1
}

ensure_venv() {
  # Creates $VENV when missing and (re)installs requirements-dev.txt whenever a requirements file changed.
  local py stamp want
  if [ ! -x "$VENV/bin/python" ]; then
    py=$(find_python) || return 1
    note "Creating the virtualenv $VENV with $($py -V 2>&1)"
    "$py" -m venv "$VENV" || return 1
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  fi
  stamp="$VENV/.hyperv-azlocal-requirements"
  want=$(cat "$ROOT"/requirements*.txt | cksum)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    note "Installing requirements-dev.txt into $VENV"
    if ! "$VENV/bin/python" -m pip install -q -r "$ROOT/requirements-dev.txt" >"$VENV/pip.log" 2>&1; then
      grep -v "^WARNING: Location" "$VENV/pip.log" >&2
      note "error: pip install -r requirements-dev.txt failed (log: $VENV/pip.log)"
      return 1
    fi
    echo "$want" >"$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

# --- quality gates (tools/gates.sh) --------------------------------------------------------------------------
# A gate is a function gate_<name>. It ends as PASS (status 0), SKIP (`skip "reason"`, status 77) or FAIL (any
# other status; `fail "reason"` gives the summary its reason). A gate made of parts that can end differently
# runs each through `part <name> <command>`: each part gets its own sub-line under the gate's line, so a part
# that did not run shows as SKIP even when the rest of its gate passed. A gate's own status: FAIL if it or
# any part failed, SKIP if every part was skipped, else PASS. Under CI=true a SKIP is a FAIL, unless it was
# marked `skip --ci-ok` (CI cannot run it either, e.g. real Windows hosts).

SKIP_RC=77
# Folders that runs create in the tree (all in .gitignore): never copied, never listed as the tree's files.
SCRATCH_DIRS=(.git .venv .ansible collections tests/output .pytest_cache .hypothesis build htmlcov)
PWSH_INSTALL="install PowerShell 7 (https://learn.microsoft.com/powershell/scripting/install/installing-powershell-on-linux) and put pwsh on PATH"
case "${CI:-}" in true | TRUE | True | 1) IN_CI=1 ;; *) IN_CI=0 ;; esac

results_init() {
  # results_init DIR: a fresh results file in DIR for run_gates and summary, removed on exit.
  RESULTS=$(mktemp "$1/results.XXXXXX") || return 1
  # shellcheck disable=SC2064 # expand now: the file name is fixed
  trap "rm -f '$RESULTS' '$RESULTS'.*" EXIT
  NOTES=$RESULTS.gate
}

skip() {
  # skip [--ci-ok] REASON...: print the reason, keep it for the summary, return 77 (SKIP).
  # --ci-ok: CI cannot run this either (real Windows hosts); without it a SKIP under CI=true is a FAIL.
  local ci_ok=0
  if [ "${1:-}" = --ci-ok ]; then ci_ok=1; shift; fi
  echo "SKIP: $*"
  printf 'skip\t%s\t%s\n' "$ci_ok" "$*" >>"$NOTES"
  return "$SKIP_RC"
}

summary_note() {
  # summary_note TEXT: shown beside the status of the current gate or part in the summary (e.g. test counts).
  printf 'note\t0\t%s\n' "$*" >>"$NOTES"
}

fail() {
  # fail REASON...: print the reason, keep it for the summary, return 1 (FAIL).
  echo "FAIL: $*"
  printf 'fail\t0\t%s\n' "$*" >>"$NOTES"
  return 1
}

part() {
  # part NAME COMMAND...: run one part of the current gate, timed, recorded as its own sub-line.
  local name=$1 start=$SECONDS rc outer=$NOTES
  shift
  echo "--- $GATE/$name"
  NOTES=$outer.part
  : >"$NOTES"
  "$@"
  rc=$?
  record "$name" "$rc" "$((SECONDS - start))"
  NOTES=$outer
  return "$rc"
}

program() {
  # program NAME: the first executable NAME on PATH. (`command -v` falls back to a non-executable file of
  # that name, e.g. a symbolic link stored as a text file; PATH lookups of other programs skip it.)
  local dir
  local IFS=:
  for dir in $PATH; do
    if [ -f "${dir:-.}/$1" ] && [ -x "${dir:-.}/$1" ]; then printf '%s\n' "${dir:-.}/$1"; return 0; fi
  done
  return 1
}

need_pwsh() {
  # Succeeds when `pwsh` is on PATH (sets PWSH); else SKIP with the reason and how to install it (CI: FAIL).
  # shellcheck disable=SC2034 # PWSH is for the caller
  PWSH=$(program pwsh) && return 0
  skip "pwsh is not on PATH; $PWSH_INSTALL"
}

list_files() {
  # Files of the tree (cwd) matching pathspecs ('*' also matches '/'): tracked and untracked-but-not-ignored.
  # git answers in a work tree whose top is the cwd; an export without .git (git archive, a release tarball)
  # is read from the file system, without the scratch folders that runs create. A git error fails the caller.
  local top file pat prune=()
  top=$(git rev-parse --show-toplevel 2>/dev/null)
  if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(pwd -P)" ]; then
    git ls-files --cached --others --exclude-standard -- "$@"
    return
  fi
  for file in "${SCRATCH_DIRS[@]}"; do prune+=(-path "./$file" -prune -o); done
  find . "${prune[@]}" -name __pycache__ -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort |
    while IFS= read -r file; do
      for pat in "$@"; do
        # shellcheck disable=SC2053 # $pat is a glob on purpose
        if [[ $file == $pat ]]; then printf '%s\n' "$file"; break; fi
      done
    done
}

has_files() {
  # 0: some file matches; 1: none; 2: the tree could not be listed (reported).
  local found
  found=$(list_files "$@") || { fail "cannot list the files of $(pwd) (see the error above)"; return 2; }
  [ -n "$found" ]
}

record() {
  # record PART RC SECONDS: one result line (PART - for the gate itself) from a status and the notes.
  local name=$1 rc=$2 secs=$3 status text ci_ok=1 kind flag msg skips=0 notes="" failure=""
  while IFS=$'\t' read -r kind flag msg; do
    case $kind in
      skip) skips=1; [ "$flag" = 1 ] || ci_ok=0; notes=$msg ;;
      note) [ -n "$notes" ] || notes=$msg ;;
      fail) failure=$msg ;;
    esac
  done <"$NOTES"
  if [ "$rc" -eq 0 ]; then status=PASS
  elif [ "$rc" -eq "$SKIP_RC" ] && [ "$skips" = 1 ]; then status=SKIP
  else status=FAIL; notes=${failure:-${notes:-"exit $rc"}}
  fi
  if [ "$status" = SKIP ] && [ "$IN_CI" = 1 ] && [ "$ci_ok" = 0 ]; then
    status=FAIL; notes="CI must run this: $notes"
  fi
  text=$notes
  printf '%s\t%s\t%s\t%s\t%s\n' "$GATE" "${name:--}" "$status" "$secs" "$text" >>"$RESULTS"
}

gate_result() {
  # The gate's own line, from its status and its parts' lines.
  local rc=$1 secs=$2 parts total=0 failed=0 skipped=0 status notes="" gate part st sec text
  parts=$(awk -F'\t' -v g="$GATE" '$1 == g && $2 != "-"' "$RESULTS")
  if [ -z "$parts" ]; then
    record "" "$rc" "$secs"
    return
  fi
  while IFS=$'\t' read -r gate part st sec text; do
    total=$((total + 1))
    case $st in FAIL) failed=$((failed + 1)) ;; SKIP) skipped=$((skipped + 1)) ;; esac
  done <<<"$parts"
  notes=$(awk -F'\t' '$1 == "note" {print $3; exit}' "$NOTES")
  if [ "$failed" -gt 0 ] || { [ "$rc" -ne 0 ] && [ "$rc" -ne "$SKIP_RC" ]; }; then
    status=FAIL
    [ "$failed" -gt 0 ] && notes="$failed of $total parts failed" || notes=${notes:-"exit $rc"}
  elif [ "$skipped" -eq "$total" ]; then status=SKIP; notes="every part skipped"
  else status=PASS
    [ "$skipped" -eq 0 ] || notes="$skipped of $total parts skipped"
  fi
  printf '%s\t-\t%s\t%s\t%s\n' "$GATE" "$status" "$secs" "$notes" >>"$RESULTS"
}

run_gates() {
  # run_gates NAME...: each gate_NAME in turn (once), timed, recorded for the summary.
  local start done=" "
  for GATE in "$@"; do
    case $done in *" $GATE "*) continue ;; esac
    done+="$GATE "
    echo
    echo "=== gate: $GATE"
    : >"$NOTES"
    start=$SECONDS
    "gate_$GATE"
    gate_result "$?" "$((SECONDS - start))"
  done
}

run_gate_lanes() {
  # run_gate_lanes "GATES OF LANE 1" "GATES OF LANE 2" ...: the lanes run side by side, the gates of each lane
  # one after another (run_gates). The first lane prints as it runs; each other lane's output is kept and
  # printed once that lane is done, after the first. Every lane records into the one results file (one short
  # line per write, appended), with notes files of its own.
  local first=$1 i=0 lane rc=0
  local -a pids=() logs=()
  shift
  for lane in "$@"; do
    i=$((i + 1))
    logs+=("$RESULTS.lane$i.log")
    # shellcheck disable=SC2086 # a lane is a list of words
    (NOTES=$RESULTS.lane$i.gate && run_gates $lane) </dev/null >"$RESULTS.lane$i.log" 2>&1 &
    pids+=("$!")
  done
  # shellcheck disable=SC2064 # expand now: the lanes' process ids are fixed
  [ "${#pids[@]}" -eq 0 ] || trap "kill ${pids[*]} 2>/dev/null; exit 130" INT TERM
  # shellcheck disable=SC2086 # a lane is a list of words
  run_gates $first
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || rc=$?
    echo
    echo "=== (ran side by side with the gates above)"
    cat "${logs[$i]}"
  done
  trap - INT TERM
  return "$rc"
}

summary() {
  # summary [GATE...]: one line per gate (and a sub-line per part) in the order given (else as recorded),
  # the counts; status 1 on any FAIL, else 0.
  local passed=0 failed=0 skipped=0 part_skips=() gate part st sec text
  echo
  echo "=== summary"
  while IFS= read -r GATE; do
    while IFS=$'\t' read -r gate part st sec text; do
      printf '%-4s  %-13s %4ss  %s\n' "$st" "$gate" "$sec" "$text"
      case $st in PASS) passed=$((passed + 1)) ;; FAIL) failed=$((failed + 1)) ;; SKIP) skipped=$((skipped + 1)) ;; esac
    done < <(awk -F'\t' -v g="$GATE" '$1 == g && $2 == "-"' "$RESULTS")
    while IFS=$'\t' read -r gate part st sec text; do
      printf '      %-4s  %-20s %4ss  %s\n' "$st" "$part" "$sec" "$text"
      [ "$st" != SKIP ] || part_skips+=("$gate/$part")
    done < <(awk -F'\t' -v g="$GATE" '$1 == g && $2 != "-"' "$RESULTS")
  done < <({ printf '%s\n' "$@"; cut -f1 "$RESULTS"; } | awk 'NF && !seen[$0]++')
  echo "gates: $passed passed, $failed failed, $skipped skipped"
  [ "${#part_skips[@]}" -eq 0 ] || echo "parts skipped: ${#part_skips[@]} (${part_skips[*]})"
  if [ "$failed" -ne 0 ]; then echo "make test: FAILED"; return 1; fi
  if [ "$skipped" -ne 0 ] || [ "${#part_skips[@]}" -ne 0 ]; then echo "make test: passed, with skips (above)"; return 0; fi
  echo "make test: all gates passed"
}
