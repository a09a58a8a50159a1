"""The Linux guest_facts module, run on fake root trees, on real-format KVP pool files and on this machine."""
import datetime
import json
import os
import re
from unittest import mock

import pytest

from ansible.module_utils import _internal
from ansible.module_utils.common import warnings as _warnings
from ansible.module_utils.testing import patch_module_args

from ansible_collections.hyperv.azlocal.plugins.module_utils._guest import SIGNALS, build_linux_facts, guest_verdict
from ansible_collections.hyperv.azlocal.plugins.modules import guest_facts

from ...contract import ROOT

DOCUMENT_KEYS = {"is_hyperv_guest", "hypervisor", "cloud", "generation", "firmware", "integration_services",
                 "host", "vm", "evidence", "collected_at"}
TIME_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
POOL_FIXTURE = os.path.join(ROOT, "tests", "integration", "targets", "guest_facts", "files", "kvp_pool_3.bin")


def record(key, value):
    key, value = (x if isinstance(x, bytes) else x.encode("utf-8") for x in (key, value))
    return key.ljust(512, b"\x00") + value.ljust(2048, b"\x00")


def make_tree(root, spec):
    """Write a linux_trees.json entry below root."""
    for directory in spec["dirs"]:
        os.makedirs(os.path.join(str(root), directory), exist_ok=True)
    for path, text in spec["files"].items():
        full = os.path.join(str(root), path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)
    if spec["kvp"]:
        full = os.path.join(str(root), spec["kvp"]["path"])
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as handle:
            handle.write(b"".join(record(k, v) for k, v in spec["kvp"]["records"]))
    return str(root)


def _message(warning):
    """The text of a warning: a string on older ansible-core, a WarningSummary dict (event.msg) on 2.19+."""
    if isinstance(warning, dict):
        return warning["event"]["msg"] if "event" in warning else warning["msg"]
    return warning


def run_module(capsys, **args):
    # Under pytest ansible-core believes it runs on the controller and sends module warnings to its display;
    # run as on a target so they land in the result (ansible.module_utils._internal.is_controller, 2.19+),
    # with the process-wide warning list emptied for each run as in a fresh module process.
    with patch_module_args(args), mock.patch.object(_internal, "is_controller", False), \
            mock.patch.dict(_warnings._global_warnings, clear=True):  # pylint: disable=protected-access
        with pytest.raises(SystemExit) as exc:
            guest_facts.main()
    result = json.loads(capsys.readouterr().out)
    result["rc"] = exc.value.code
    if "warnings" in result:
        result["warnings"] = [_message(warning) for warning in result["warnings"]]
    return result


def trees():
    with open(os.path.join(ROOT, "tests", "unit", "data", "guest_facts", "linux_trees.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    return dict((name, spec) for name, spec in data.items() if not name.startswith("_"))


@pytest.mark.parametrize("name", sorted(trees()))
def test_module_on_fake_trees(name, tmp_path, capsys):
    spec = trees()[name]
    expect = spec["expect"]
    result = run_module(capsys, _root_dir=make_tree(tmp_path, spec))
    assert result["rc"] == 0
    assert result["changed"] is False
    assert "warnings" not in result  # missing sources are normal, never warning noise
    assert result["errors"] == []
    facts = result["ansible_facts"]["hyperv_guest"]
    assert set(facts) == DOCUMENT_KEYS
    for key in ("is_hyperv_guest", "hypervisor", "cloud", "generation", "firmware", "host", "vm"):
        assert facts[key] == expect[key], key
    evidence = facts["evidence"]
    assert evidence["platform"] == "linux"
    assert evidence["matched"] == expect["matched"]
    assert evidence["kvp"]["source"] == expect["kvp_source"]
    for component, state in expect["states"].items():
        assert facts["integration_services"][component]["state"] == state, component
    # the verdict is a function of the reported signals alone
    verdict = guest_verdict(evidence["signals"])
    assert (verdict["hypervisor"], verdict["cloud"], verdict["generation"]) == (
        facts["hypervisor"], facts["cloud"], facts["generation"])
    if expect["kvp_source"]:
        assert evidence["sources"][expect["kvp_source"]] == "read"
    else:
        assert evidence["sources"]["/var/lib/hyperv/.kvp_pool_3"] == "absent"
        assert evidence["sources"]["/var/opt/hyperv/.kvp_pool_3"] == "absent"


def test_absent_sources_are_listed(tmp_path, capsys):
    result = run_module(capsys, _root_dir=make_tree(tmp_path, trees()["empty_root"]))
    sources = result["ansible_facts"]["hyperv_guest"]["evidence"]["sources"]
    for path in ("/sys/class/dmi/id", "/sys/bus/vmbus/devices", "/sys/firmware", "/proc/cpuinfo", "/proc/modules",
                 "/.dockerenv", "/run/.containerenv", "/run/systemd/container", "/proc/<pid>/comm"):
        assert sources[path] == "absent", path


def test_explicit_kvp_dir_with_the_integration_fixture(tmp_path, capsys):
    # The binary pool the integration target copies to <dir>/.kvp_pool_3, read through the module.
    with open(POOL_FIXTURE, "rb") as handle:
        (tmp_path / ".kvp_pool_3").write_bytes(handle.read())
    result = run_module(capsys, _root_dir=str(tmp_path / "root"), kvp_dir=str(tmp_path))
    assert result["rc"] == 0 and "warnings" not in result
    facts = result["ansible_facts"]["hyperv_guest"]
    assert facts["host"] == {"name": "HV-NODE01", "physical_name": "HV-NODE01",
                             "physical_name_fqdn": "hv-node01.contoso.local"}
    assert facts["vm"] == {"name": "web01", "id": "0F3C6E2A-4B1D-4E8F-9A7C-2D5B8E1F6A90"}
    assert facts["is_hyperv_guest"] is False  # KVP data alone is no verdict
    assert facts["evidence"]["signals"]["kvp_host_data"] is True
    assert os.path.getsize(POOL_FIXTURE) == 5 * 2560
    assert facts["evidence"]["kvp"]["source"] == str(tmp_path / ".kvp_pool_3")
    assert facts["evidence"]["kvp"]["records"] == 5


def test_explicit_kvp_dir_wins_over_auto_detection(tmp_path, capsys):
    root = make_tree(tmp_path / "root", trees()["hyperv_gen2_onprem"])
    other = tmp_path / "other"
    other.mkdir()
    (other / ".kvp_pool_3").write_bytes(record("HostName", "OTHER-HOST"))
    facts = run_module(capsys, _root_dir=root, kvp_dir=str(other))["ansible_facts"]["hyperv_guest"]
    assert facts["host"]["name"] == "OTHER-HOST"
    assert "/var/lib/hyperv/.kvp_pool_3" not in facts["evidence"]["sources"]


def test_first_default_directory_wins(tmp_path, capsys):
    for directory, host in (("var/lib/hyperv", "LIB-HOST"), ("var/opt/hyperv", "OPT-HOST")):
        (tmp_path / directory).mkdir(parents=True)
        (tmp_path / directory / ".kvp_pool_3").write_bytes(record("HostName", host))
    facts = run_module(capsys, _root_dir=str(tmp_path))["ansible_facts"]["hyperv_guest"]
    assert facts["host"]["name"] == "LIB-HOST"
    assert "/var/opt/hyperv/.kvp_pool_3" not in facts["evidence"]["sources"]


def test_missing_kvp_dir_warns_and_strict_fails(tmp_path, capsys):
    missing = str(tmp_path / "nowhere")
    result = run_module(capsys, _root_dir=str(tmp_path), kvp_dir=missing)
    assert result["rc"] == 0
    assert result["warnings"] == ["kvp_dir holds no readable KVP pool: %s/.kvp_pool_3 (absent)" % missing]
    result = run_module(capsys, _root_dir=str(tmp_path), kvp_dir=missing, strict=True)
    assert result["rc"] == 1
    assert result["failed"] is True
    assert result["msg"] == "strict is set: kvp_dir holds no readable KVP pool: %s/.kvp_pool_3 (absent)" % missing


def test_truncated_and_non_utf8_pool_is_parsed_and_warned(tmp_path, capsys):
    pool = tmp_path / "var" / "lib" / "hyperv" / ".kvp_pool_3"
    pool.parent.mkdir(parents=True)
    pool.write_bytes(record("HostName", b"HV-\xe9NODE") + record("VirtualMachineName", "web01")
                     + record("PhysicalHostName", "cut")[:1000])
    result = run_module(capsys, _root_dir=str(tmp_path))
    assert result["rc"] == 0
    assert result["warnings"] == [
        "KVP pool /var/lib/hyperv/.kvp_pool_3: record 0 value is not valid UTF-8 (undecodable bytes replaced); "
        "1000 trailing byte(s) ignored: the file is not a whole number of 2560-byte records "
        "(truncated, or written with other record sizes)"]
    facts = result["ansible_facts"]["hyperv_guest"]
    assert facts["host"]["name"] == "HV-\ufffdNODE"
    assert facts["host"]["physical_name"] is None
    assert facts["vm"]["name"] == "web01"
    assert len(facts["evidence"]["kvp"]["problems"]) == 2
    assert run_module(capsys, _root_dir=str(tmp_path), strict=True)["rc"] == 1


def test_unreadable_sources_are_evidence_not_warnings(tmp_path, capsys):
    # A directory where a file is expected cannot be read (EISDIR); permission bits do not stop root.
    for path in ("sys/class/dmi/id/sys_vendor", "proc/cpuinfo", "var/lib/hyperv/.kvp_pool_3"):
        (tmp_path / path).mkdir(parents=True)
    (tmp_path / "sys" / "class" / "dmi" / "id" / "product_name").write_text("Virtual Machine\n")
    (tmp_path / "sys" / "bus" / "vmbus").mkdir(parents=True)
    (tmp_path / "sys" / "bus" / "vmbus" / "devices").write_text("not a directory")
    result = run_module(capsys, _root_dir=str(tmp_path))
    assert "warnings" not in result
    facts = result["ansible_facts"]["hyperv_guest"]
    sources = facts["evidence"]["sources"]
    assert sources["/sys/class/dmi/id/sys_vendor"] == "unreadable: Is a directory"
    assert sources["/proc/cpuinfo"] == "unreadable: Is a directory"
    assert sources["/var/lib/hyperv/.kvp_pool_3"] == "unreadable: Is a directory"
    assert sources["/sys/bus/vmbus/devices"] == "absent"
    assert sources["/sys/class/dmi/id/product_name"] == "read"
    assert facts["evidence"]["signals"]["product"] == "Virtual Machine"
    assert facts["hypervisor"] == "none"  # product alone is not the Hyper-V identity


def test_unlistable_directory(tmp_path, monkeypatch):
    real_listdir = os.listdir

    def listdir(path):
        if path.endswith(os.path.join("sys", "firmware")):
            raise PermissionError(13, "Permission denied")
        return real_listdir(path)

    monkeypatch.setattr(guest_facts.os, "listdir", listdir)
    observed = guest_facts.collect(str(tmp_path))
    assert observed["firmware_entries"] is None
    assert observed["sources"]["/sys/firmware"] == "unreadable: Permission denied"


@pytest.mark.parametrize("options, euid, state, status", [
    ("rw,nosuid,relatime", 1000, "not_running", "read"),
    ("rw,nosuid,relatime,hidepid=0", 1000, "not_running", "read"),
    ("rw,nosuid,relatime,hidepid=invisible", 1000, "unknown", "read (hidepid: other users' processes hidden)"),
    ("rw,nosuid,relatime,hidepid=2", 1000, "unknown", "read (hidepid: other users' processes hidden)"),
    ("rw,nosuid,relatime,hidepid=2", 0, "not_running", "read"),
])
def test_hidden_processes_make_daemon_state_unknown(tmp_path, monkeypatch, options, euid, state, status):
    (tmp_path / "proc" / "7").mkdir(parents=True)
    (tmp_path / "proc" / "7" / "comm").write_text("bash\n")
    (tmp_path / "proc" / "8").mkdir()  # a process that ended between listdir and read
    (tmp_path / "proc" / "self").mkdir()
    (tmp_path / "proc" / "mounts").write_text("proc /proc proc %s 0 0\nsysfs /sys sysfs rw 0 0\n" % options)
    monkeypatch.setattr(guest_facts.os, "geteuid", lambda: euid)
    observed = guest_facts.collect(str(tmp_path))
    assert observed["processes"] == ["bash"]
    assert observed["sources"]["/proc/<pid>/comm"] == status
    facts = build_linux_facts(observed)[0]
    assert facts["integration_services"]["hv_kvp_daemon"]["state"] == state


def test_check_mode_returns_the_same_facts(tmp_path, capsys):
    root = make_tree(tmp_path, trees()["hyperv_gen2_onprem"])
    normal = run_module(capsys, _root_dir=root)
    checked = run_module(capsys, _root_dir=root, _ansible_check_mode=True)
    for result in (normal, checked):
        assert TIME_RE.match(result["ansible_facts"]["hyperv_guest"].pop("collected_at"))
    assert checked["ansible_facts"] == normal["ansible_facts"]


def test_facts_say_when_they_were_collected(tmp_path, capsys):
    before = datetime.datetime.now(datetime.timezone.utc)
    result = run_module(capsys, _root_dir=make_tree(tmp_path, trees()["hyperv_gen2_onprem"]))
    after = datetime.datetime.now(datetime.timezone.utc)
    stamp = result["ansible_facts"]["hyperv_guest"]["collected_at"]
    assert TIME_RE.match(stamp), stamp
    seen = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    assert before <= seen <= after


def test_this_machine(capsys):
    """A real run against / : whatever this machine is, the module reports it consistently and quietly."""
    result = run_module(capsys)
    assert result["rc"] == 0
    assert "warnings" not in result
    facts = result["ansible_facts"]["hyperv_guest"]
    assert set(facts) == DOCUMENT_KEYS
    assert set(facts["evidence"]["signals"]) == set(SIGNALS)
    verdict = guest_verdict(facts["evidence"]["signals"])
    assert facts["hypervisor"] == verdict["hypervisor"]
    assert facts["is_hyperv_guest"] is (facts["hypervisor"] == "hyperv")
    for path in ("/sys/class/dmi/id", "/proc/cpuinfo", "/var/lib/hyperv/.kvp_pool_3"):
        assert facts["evidence"]["sources"][path] in ("read", "absent") or \
            facts["evidence"]["sources"][path].startswith("unreadable: ")
