#!/usr/bin/env bash
# `make demo`: create .venv, build and install this collection, run the main job on the sample inventory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_venv
BUILD="$ROOT/build"
rm -rf "$BUILD" && mkdir -p "$BUILD/collections"
ansible-galaxy collection build --force --output-path "$BUILD" >/dev/null
ansible-galaxy collection install --force -p "$BUILD/collections" "$BUILD"/hyperv-azlocal-*.tar.gz >/dev/null 2>&1
export ANSIBLE_COLLECTIONS_PATH="$BUILD/collections"
export HVAZL_DEMO_OUTPUT=${HVAZL_DEMO_OUTPUT:-$BUILD/demo-report}
echo "hyperv.azlocal $(sed -n 's/^version: *//p' galaxy.yml) installed into $ANSIBLE_COLLECTIONS_PATH"
echo "Running: ansible-playbook hyperv.azlocal.demo -i playbooks/inventory/demo (sample data, clearly labelled)"
ansible-playbook hyperv.azlocal.demo -i "$ROOT/playbooks/inventory/demo" "$@"
