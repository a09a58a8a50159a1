"""Windows payload smoke test: Ansible itself builds every PowerShell module's payload, then fails to connect.

Usage: payload_smoke.py [MODULE ...]        (default: every plugins/modules/*.ps1)

For each PowerShell module, runs `ansible` ad hoc against a WinRM host on 127.0.0.1 port 1, where nothing
listens. Ansible resolves every `#AnsibleRequires` (C# utils, collection PowerShell module_utils) and builds
the exec-wrapper payload before it opens the connection, so:
  * a good module ends in a refused connection  -> OK;
  * a missing or misnamed module_util ends in "Could not find ... module support code" -> FAIL,
and so does any other error raised before the connection (a bad payload, an unknown module).
Needs the collection importable (ANSIBLE_COLLECTIONS_PATH, or run from a checkout next to ./collections).
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTION_REFUSED = ("Max retries exceeded", "Connection refused", "Failed to establish a new connection")
INVENTORY = """[win]
win01 ansible_host=127.0.0.1 ansible_port=1 ansible_connection=winrm ansible_user=smoke ansible_password=smoke
[win:vars]
ansible_winrm_transport=basic
ansible_winrm_scheme=http
ansible_winrm_operation_timeout_sec=2
ansible_winrm_read_timeout_sec=3
"""


def collections_path(tmp):
    """A collections path holding this checkout as ansible_collections/hyperv/azlocal."""
    env_path = os.environ.get("ANSIBLE_COLLECTIONS_PATH")
    if env_path:
        return env_path
    link_root = Path(tmp) / "collections"
    (link_root / "ansible_collections" / "hyperv").mkdir(parents=True)
    (link_root / "ansible_collections" / "hyperv" / "azlocal").symlink_to(ROOT)
    return str(link_root)


def run_one(module, inventory, env):
    proc = subprocess.run(
        ["ansible", "win", "-i", inventory, "-m", "hyperv.azlocal." + module, "-o"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, env=env, timeout=120, check=False)
    out = proc.stdout
    if "Could not find" in out or "couldn't resolve module" in out:
        return False, out
    return any(marker in out for marker in CONNECTION_REFUSED), out


def main(argv):
    modules = argv or sorted(p.stem for p in (ROOT / "plugins" / "modules").glob("*.ps1"))
    if not modules:
        print("payload: no PowerShell modules yet")
        return 0
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        inventory = os.path.join(tmp, "hosts.ini")
        with open(inventory, "w", encoding="utf-8") as handle:
            handle.write(INVENTORY)
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path(tmp), ANSIBLE_HOST_KEY_CHECKING="False",
                   ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="False")
        for module in modules:
            ok, out = run_one(module, inventory, env)
            print("%s hyperv.azlocal.%s" % ("OK  " if ok else "FAIL", module))
            if not ok:
                failures += 1
                print("    " + "\n    ".join(out.strip().splitlines()[-6:]))
    print("payload: %d PowerShell module(s) built, %d failure(s)" % (len(modules), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
