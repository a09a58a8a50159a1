"""The gate runner of `make test` (tools/lib.sh), driven with stand-in gates: every gate and part ends as PASS,
FAIL or SKIP with its reason, the count line adds up, CI turns a skip into a failure, and the tree's files are
listed from git or, without .git, from the file system."""
import os
import shlex
import stat
import subprocess

import pytest

from ..contract import ROOT

LIB = os.path.join(ROOT, "tools", "lib.sh")

GATES = r"""
gate_ok() { echo "checked"; }
gate_counted() { summary_note "3 passed"; }
gate_nothing() { skip "no widgets to check"; }
gate_real_hosts() { skip --ci-ok "needs real hosts"; }
gate_broken() { fail "widget 7 is broken"; }
gate_plain_fail() { false; }
gate_stray77() { return 77; }
gate_mixed() { part first true; part second skip "second cannot run here"; return 0; }
gate_mixed_fail() { part first false; part second true; return 0; }
gate_all_skipped() { part first skip "no first"; part second skip --ci-ok "no second"; return 0; }
"""


def run(script, cwd=None, ci=None, path=None):
    """Run bash with tools/lib.sh sourced and a fresh results file; CI is unset unless given."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    if path is not None:
        env["PATH"] = path
    full = "set -uo pipefail\n. %s\nresults_init \"$(mktemp -d)\" || exit 9\n%s" % (shlex.quote(LIB), script)
    return subprocess.run(["bash", "-c", full], cwd=cwd or ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, check=False)


def summary(proc):
    """{name: (status, text)} for gate lines and {gate/part: (status, text)} for part lines of the summary."""
    lines = proc.stdout.split("=== summary\n", 1)[1].splitlines()
    rows, gate = {}, None
    for line in lines:
        if line.startswith("gates:") or line.startswith("parts skipped:") or line.startswith("make test:"):
            continue
        indented = line.startswith(" ")
        status, name, _secs, text = (line.split(None, 3) + [""])[:4]
        if indented:
            rows["%s/%s" % (gate, name)] = (status, text)
        else:
            gate = name
            rows[name] = (status, text)
    return rows


def test_each_gate_ends_as_pass_fail_or_skip_with_its_reason():
    proc = run(GATES + "run_gates ok counted nothing broken plain_fail stray77\nsummary")
    rows = summary(proc)
    assert rows == {
        "ok": ("PASS", ""),
        "counted": ("PASS", "3 passed"),
        "nothing": ("SKIP", "no widgets to check"),
        "broken": ("FAIL", "widget 7 is broken"),
        "plain_fail": ("FAIL", "exit 1"),
        "stray77": ("FAIL", "exit 77"),  # 77 without a reason is not a skip
    }, proc.stdout
    assert "gates: 2 passed, 3 failed, 1 skipped" in proc.stdout
    assert proc.stdout.rstrip().endswith("make test: FAILED")
    assert proc.returncode == 1


def test_a_skip_passes_outside_ci_and_fails_in_ci_unless_ci_cannot_run_it_either():
    outside = run(GATES + "run_gates ok nothing real_hosts\nsummary")
    assert summary(outside)["nothing"] == ("SKIP", "no widgets to check")
    assert "gates: 1 passed, 0 failed, 2 skipped" in outside.stdout
    assert "make test: passed, with skips (above)" in outside.stdout
    assert outside.returncode == 0

    in_ci = run(GATES + "run_gates ok nothing real_hosts\nsummary", ci="true")
    rows = summary(in_ci)
    assert rows["nothing"] == ("FAIL", "CI must run this: no widgets to check")
    assert rows["real_hosts"] == ("SKIP", "needs real hosts")
    assert "gates: 1 passed, 1 failed, 1 skipped" in in_ci.stdout
    assert in_ci.returncode == 1


def test_only_passes_is_all_gates_passed():
    proc = run(GATES + "run_gates ok counted ok\nsummary")
    assert "gates: 2 passed, 0 failed, 0 skipped" in proc.stdout  # a gate named twice runs once
    assert proc.stdout.rstrip().endswith("make test: all gates passed")
    assert proc.returncode == 0


def test_a_skipped_part_shows_under_a_passing_gate_and_in_the_counts():
    proc = run(GATES + "run_gates mixed mixed_fail all_skipped\nsummary")
    rows = summary(proc)
    assert rows["mixed"] == ("PASS", "1 of 2 parts skipped")
    assert rows["mixed/first"] == ("PASS", "")
    assert rows["mixed/second"] == ("SKIP", "second cannot run here")
    assert rows["mixed_fail"] == ("FAIL", "1 of 2 parts failed")
    assert rows["mixed_fail/first"] == ("FAIL", "exit 1")
    assert rows["all_skipped"] == ("SKIP", "every part skipped")
    assert "gates: 1 passed, 1 failed, 1 skipped" in proc.stdout
    assert "parts skipped: 3 (mixed/second all_skipped/first all_skipped/second)" in proc.stdout
    assert proc.returncode == 1


def test_in_ci_a_skipped_part_fails_its_gate():
    rows = summary(run(GATES + "run_gates mixed all_skipped\nsummary", ci="true"))
    assert rows["mixed/second"] == ("FAIL", "CI must run this: second cannot run here")
    assert rows["mixed"] == ("FAIL", "1 of 2 parts failed")
    assert rows["all_skipped/second"] == ("SKIP", "no second")
    assert rows["all_skipped"][0] == "FAIL"


def make_tree(root):
    for path in ("plugins/modules/a.ps1", "plugins/filter/b.py", "tests/unit/test_c.py", ".venv/lib/d.py",
                 "collections/ansible_collections/e.py", "tests/output/f.py", "plugins/__pycache__/g.py"):
        full = root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_text("x\n", encoding="utf-8")


def test_files_of_an_export_without_git_come_from_the_file_system(tmp_path):
    make_tree(tmp_path)
    proc = run("list_files '*.py' '*.ps1'; has_files 'docs/*'; echo \"none=$?\"", cwd=str(tmp_path))
    assert proc.stdout.split() == ["plugins/filter/b.py", "plugins/modules/a.ps1", "tests/unit/test_c.py", "none=1"]


def git(cwd, *args):
    subprocess.run(["git", "-c", "init.defaultBranch=main"] + list(args), cwd=str(cwd), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_files_of_a_git_work_tree_come_from_git(tmp_path):
    make_tree(tmp_path)
    (tmp_path / ".gitignore").write_text("/.venv/\n/collections/\n/tests/output/\n__pycache__/\n/plugins/filter/\n",
                                         encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "plugins/modules/a.ps1")
    proc = run("list_files '*.py' '*.ps1'", cwd=str(tmp_path))
    # tracked and untracked-but-not-ignored: git's .gitignore, not the scratch-folder list, decides
    assert sorted(proc.stdout.split()) == ["plugins/modules/a.ps1", "tests/unit/test_c.py"]


def test_an_export_inside_another_work_tree_is_read_from_the_file_system(tmp_path):
    """e.g. unpacked into an ignored folder of a checkout: that checkout's git would list none of its files."""
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("/export/\n", encoding="utf-8")
    export = tmp_path / "export"
    make_tree(export)
    proc = run("list_files '*.ps1'", cwd=str(export))
    assert proc.stdout.split() == ["plugins/modules/a.ps1"]


def test_a_git_error_fails_the_gate_instead_of_reading_as_no_files(tmp_path):
    make_tree(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    (tmp_path / ".git" / "index").write_text("not an index\n", encoding="utf-8")
    script = "gate_unit() { has_files 'tests/unit/*.py'; [ $? -eq 1 ] && skip 'no unit tests' || return 1; }\n"
    proc = run(script + "run_gates unit\nsummary", cwd=str(tmp_path))
    assert summary(proc)["unit"] == ("FAIL", "cannot list the files of %s (see the error above)" % tmp_path)
    assert "index" in proc.stdout  # git's own error is shown, not discarded


def executable(path, mode):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\necho fake pwsh\n", encoding="utf-8")
    path.chmod(mode)


def test_a_program_is_an_executable_file_on_path(tmp_path):
    # a symbolic link stored as a text file (not executable) comes first on PATH; `command -v` would take it
    executable(tmp_path / "broken" / "pwsh", stat.S_IRUSR | stat.S_IWUSR)
    executable(tmp_path / "good" / "pwsh", stat.S_IRWXU)
    path = "%s:%s:/usr/bin:/bin" % (tmp_path / "broken", tmp_path / "good")
    proc = run("program pwsh; need_pwsh && echo \"PWSH=$PWSH\"", path=path)
    assert proc.stdout.split() == [str(tmp_path / "good" / "pwsh"), "PWSH=%s" % (tmp_path / "good" / "pwsh")]


@pytest.mark.parametrize("ci, status", [(None, "SKIP"), ("true", "FAIL")])
def test_without_pwsh_a_part_that_needs_it_is_skipped_or_fails_in_ci(tmp_path, ci, status):
    executable(tmp_path / "broken" / "pwsh", stat.S_IRUSR | stat.S_IWUSR)
    script = "gate_ps() { part lint need_pwsh; part other true; }\nrun_gates ps\nsummary"
    proc = run(script, ci=ci, path="%s:/usr/bin:/bin" % (tmp_path / "broken"))
    state, text = summary(proc)["ps/lint"]
    assert state == status
    assert text.endswith("pwsh is not on PATH; install PowerShell 7 (https://learn.microsoft.com/powershell/scripting/"
                         "install/installing-powershell-on-linux) and put pwsh on PATH")


def test_lanes_run_side_by_side_and_every_result_keeps_its_gate_and_order():
    """Two lanes: each gate and part keeps its own status and reason although both lanes record at once, the
    summary follows the order given, and the second lane's output is printed after the first lane's."""
    slow = r"""
late() { sleep 1; summary_note "noted late"; }
early() { summary_note "noted early"; sleep 2; }
gate_slow() { part first late; part second skip "second cannot run here"; return 0; }
gate_quick() { part first early; return 0; }
"""
    proc = run(GATES + slow + 'run_gate_lanes "slow ok broken" "quick mixed_fail nothing counted"\n'
               "summary slow quick mixed_fail ok nothing broken counted")
    rows = summary(proc)
    assert rows == {
        "slow": ("PASS", "1 of 2 parts skipped"),
        "slow/first": ("PASS", "noted late"),
        "slow/second": ("SKIP", "second cannot run here"),
        "quick": ("PASS", ""),
        "quick/first": ("PASS", "noted early"),
        "mixed_fail": ("FAIL", "1 of 2 parts failed"),
        "mixed_fail/first": ("FAIL", "exit 1"),
        "mixed_fail/second": ("PASS", ""),
        "ok": ("PASS", ""),
        "nothing": ("SKIP", "no widgets to check"),
        "broken": ("FAIL", "widget 7 is broken"),
        "counted": ("PASS", "3 passed"),
    }, proc.stdout
    order = [line.split()[1] for line in proc.stdout.split("=== summary\n", 1)[1].splitlines()
             if line[:4] in ("PASS", "FAIL", "SKIP")]
    assert order == ["slow", "quick", "mixed_fail", "ok", "nothing", "broken", "counted"]
    before_summary = proc.stdout.split("=== summary\n", 1)[0]
    assert before_summary.index("=== gate: broken") < before_summary.index("=== gate: mixed_fail")
    assert "gates: 4 passed, 2 failed, 1 skipped" in proc.stdout
    assert proc.returncode == 1
