"""The compare role's console output under Ansible's defaults: the default callback, no
ANSIBLE_CALLBACK_RESULT_FORMAT, no ANSIBLE_STDOUT_CALLBACK - what a user has who changed nothing.

The table prints one row a line (not one JSON-escaped line), the failure (compare_mode fail) and the warning
(compare_mode warn) lead with the verdict - the fields that differ and the odd host - and no line is a blob.
What the role registers (compare_result) stays the whole comparison for later tasks.
"""
import json
import os
import subprocess
import sys

import pytest
import yaml

from ..contract import ROOT

SAMPLES = os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars")
HOSTS = ["azl-node01", "azl-node02", "azl-node03", "ws2025-hv01"]  # azl-node03 is a month behind (another UBR)
LONGEST_LINE = 2000


def _sample(host):
    with open(os.path.join(SAMPLES, host + ".json"), encoding="utf-8") as handle:
        return json.load(handle)["hyperv_demo_sample"]["hyperv_host"]


@pytest.fixture(name="play", scope="module")
def play_fixture(tmp_path_factory):
    """play(mode) runs the role over the four sample hosts (no host is contacted) with Ansible's defaults."""
    base = tmp_path_factory.mktemp("compare-output")
    link = base / "collections" / "ansible_collections" / "hyperv" / "azlocal"
    link.parent.mkdir(parents=True)
    link.symlink_to(ROOT, target_is_directory=True)
    hosts = {host: {"hyperv_host": _sample(host), "ansible_connection": "local",
                    "ansible_python_interpreter": sys.executable} for host in HOSTS}
    (base / "inventory.yml").write_text(yaml.safe_dump({"all": {"hosts": hosts}}), encoding="utf-8")
    (base / "site.yml").write_text(yaml.safe_dump([{
        "name": "Compare the sample hosts", "hosts": "all", "gather_facts": False,
        "roles": [{"role": "hyperv.azlocal.compare", "vars": {"compare_profile": "kernel"}}],
        "post_tasks": [{"name": "The registered comparison is whole, on every host of the play",
                        "ansible.builtin.assert": {"that": [
                            "compare_result.fields.ubr.odd_hosts == ['azl-node03']",
                            "compare_result.hosts | length == 4",
                            "compare_result is not hyperv.azlocal.identical"], "quiet": True}}],
    }], sort_keys=False), encoding="utf-8")
    env = {name: value for name, value in os.environ.items() if not name.startswith("ANSIBLE_")}
    env.update({"ANSIBLE_COLLECTIONS_PATH": str(base / "collections"), "ANSIBLE_HOME": str(base / "ansible-home"),
                "ANSIBLE_LOCAL_TEMP": str(base / "ansible-tmp"), "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_RETRY_FILES_ENABLED": "0"})
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")

    def run(mode):
        proc = subprocess.run([playbook, "-i", str(base / "inventory.yml"), str(base / "site.yml"),
                               "-e", "compare_mode=%s" % mode], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, env=env, cwd=str(base), timeout=300, check=False)
        return proc.returncode, proc.stdout

    return run


def _readable(out):
    longest = max(out.splitlines(), key=len)
    assert len(longest) <= LONGEST_LINE, longest[:300]
    # the table: its rows, each a line of its own (a JSON list of lines), not escaped into one string
    rows = [line.strip() for line in out.splitlines() if line.strip().startswith('"| `')]
    assert '"| `build` | identical | `26100` | azl-node01, azl-node02, azl-node03, ws2025-hv01 |",' in rows
    assert '"| `ubr` | **DIFFERENT** | `4349` | azl-node01, azl-node02, ws2025-hv01 |",' in rows
    assert '"|  |  | `4061` | azl-node03 |",' in out
    assert "\\n|" not in out  # no Markdown row glued to another by an escaped newline


def test_fail_mode_leads_with_the_verdict(play):
    rc, out = play("fail")
    assert rc == 2, out[-3000:]
    _readable(out)
    failed = [line for line in out.splitlines() if "FAILED!" in line]
    assert len(failed) == 1, failed
    headline = failed[0]
    last_task = out.split(headline)[0].rsplit("TASK [", 1)[1]
    assert last_task.startswith("hyperv.azlocal.compare : Fail unless the hosts are identical"), last_task
    assert "[ERROR]: Task failed: Action failed: NOT IDENTICAL: 6 of 18 fields" in last_task
    assert '"msg": "NOT IDENTICAL: 6 of 18 fields are not identical across 4 hosts: ubr (azl-node03 differs),' in headline
    assert len(headline) < 600, headline
    assert "failed_when" not in out
    assert '"fields"' not in out  # the comparison is not dumped into the console
    assert "The registered comparison is whole" not in out  # the play stopped at the verdict


def test_warn_mode_warns_with_the_verdict_and_goes_on(play):
    rc, out = play("warn")
    assert rc == 0, out[-3000:]
    _readable(out)
    assert '"msg": "WARNING: NOT IDENTICAL: 6 of 18 fields are not identical across 4 hosts: ubr (azl-node03 differs),' \
        in out
    assert "FAILED!" not in out
    assert "The registered comparison is whole" in out and "failed=0" in out
