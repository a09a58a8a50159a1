#!/usr/bin/env bash
# `make lint` and the lint gate: ansible-lint from the repository root as .ansible-lint configures it
# (production profile, offline). Offline, ansible-lint installs nothing, so it would not find hyperv.azlocal.*
# (syntax-check errors on every playbook that uses the roles or modules): this links the working tree into a
# temporary ansible_collections/hyperv/azlocal and puts it first on ANSIBLE_COLLECTIONS_PATH. Arguments go to
# ansible-lint.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_venv
links=$(mktemp -d)
trap 'rm -rf "$links"' EXIT
mkdir -p "$links/ansible_collections/hyperv"
ln -s "$ROOT" "$links/ansible_collections/hyperv/azlocal"
ANSIBLE_COLLECTIONS_PATH="$links${ANSIBLE_COLLECTIONS_PATH:+:$ANSIBLE_COLLECTIONS_PATH}" ansible-lint "$@"
