# shellcheck shell=bash
# Shared by tools/gates.sh and tools/demo.sh (sourced, not run).
# Picks the Python, creates the project virtualenv and keeps it in step with the requirement files.

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
