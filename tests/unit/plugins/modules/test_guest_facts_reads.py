"""guest_facts reads only regular files, at most a KVP pool's size, each within probe_timeout: a FIFO, a
symlink to /dev/zero, a huge pool or a read that hangs cannot block the module or exhaust its memory."""
import json
import os
import threading
import time

import pytest

from ansible_collections.hyperv.azlocal.plugins.module_utils._guest import (
    KVP_MAX_BYTES,
    KVP_MAX_NAMES,
    KVP_MAX_PROBLEMS,
    KVP_MAX_RECORDS,
    parse_kvp_pool,
)
from ansible_collections.hyperv.azlocal.plugins.modules import guest_facts

from .test_guest_facts import record, run_module

POOL = os.path.join("var", "lib", "hyperv", ".kvp_pool_3")


def pool_path(root):
    path = root / POOL
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def in_thread(function, seconds=10):
    """Run function() in a daemon thread; fail (instead of hanging the suite) when it does not return in time."""
    outcome = {}

    def target():
        try:
            outcome["value"] = function()
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "still blocked after %d s" % seconds
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.mark.parametrize("explicit", [False, True], ids=["default_dir", "kvp_dir"])
def test_a_fifo_named_like_the_pool_is_refused_without_blocking(tmp_path, explicit):
    fifo = pool_path(tmp_path)
    os.mkfifo(str(fifo))
    kvp_dir = str(fifo.parent) if explicit else None
    observed = in_thread(lambda: guest_facts.collect(str(tmp_path), kvp_dir, timeout=30))
    shown = os.path.join(kvp_dir, ".kvp_pool_3") if explicit else "/" + POOL
    assert observed["sources"][shown] == "unreadable: not a regular file (FIFO)"
    assert observed["kvp"] is None
    if explicit:
        assert observed["kvp_missing"] == "%s (unreadable: not a regular file (FIFO))" % shown


def test_a_symlink_to_dev_zero_is_refused(tmp_path):
    os.symlink("/dev/zero", str(pool_path(tmp_path)))
    (tmp_path / "proc").mkdir()
    os.symlink("/dev/zero", str(tmp_path / "proc" / "cpuinfo"))
    observed = in_thread(lambda: guest_facts.collect(str(tmp_path)))
    assert observed["sources"]["/" + POOL] == "unreadable: not a regular file (character device)"
    assert observed["sources"]["/proc/cpuinfo"] == "unreadable: not a regular file (character device)"
    assert observed["kvp"] is None and observed["cpuinfo"] is None


def test_a_symlink_to_a_regular_pool_is_read(tmp_path):
    real = tmp_path / "elsewhere.bin"
    real.write_bytes(record("HostName", "HV01"))
    os.symlink(str(real), str(pool_path(tmp_path)))
    observed = guest_facts.collect(str(tmp_path))
    assert observed["sources"]["/" + POOL] == "read"
    assert observed["kvp"]["data"] == record("HostName", "HV01")


def test_a_200_mb_pool_is_read_only_up_to_the_largest_pool(tmp_path, monkeypatch, capsys):
    path = pool_path(tmp_path)
    with open(str(path), "wb") as handle:
        handle.write(record("HostName", "HV-NODE01") + record("VirtualMachineName", "web01"))
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB of NUL records after the two real ones
    read_bytes = []
    real_read = os.read

    def counting_read(descriptor, size):
        data = real_read(descriptor, size)
        read_bytes.append(len(data))
        return data

    monkeypatch.setattr(guest_facts.os, "read", counting_read)
    result = run_module(capsys, _root_dir=str(tmp_path))
    assert result["rc"] == 0
    pool_read = sum(read_bytes)
    assert pool_read <= KVP_MAX_BYTES + 1  # the tree holds nothing else to read
    facts = result["ansible_facts"]["hyperv_guest"]
    kvp = facts["evidence"]["kvp"]
    assert kvp["records"] == KVP_MAX_RECORDS
    assert kvp["names"] == ["HostName", "VirtualMachineName"]
    assert facts["host"]["name"] == "HV-NODE01" and facts["vm"]["name"] == "web01"
    assert facts["evidence"]["sources"]["/" + POOL] == "read (the first %d bytes; the file is larger)" % KVP_MAX_BYTES
    assert kvp["problems"][0] == ("the file is larger than a KVP pool can be (1024 records of 2560 bytes): only its"
                                  " first 2621440 bytes were read")
    # 1,022 empty-key records: the first problems are listed and the rest counted, so the output stays small
    assert len(kvp["problems"]) == 1 + KVP_MAX_PROBLEMS + 1
    assert kvp["problems"][-1] == "%d more problem(s) not listed" % (KVP_MAX_RECORDS - 2 - KVP_MAX_PROBLEMS)
    assert len(json.dumps(result)) < 64 * 1024
    assert result["warnings"][0].startswith("KVP pool /%s: the file is larger than a KVP pool can be" % POOL)


def test_only_the_first_names_are_listed_but_every_record_is_counted(tmp_path):
    data = b"".join(record("Key%03d" % index, "v") for index in range(KVP_MAX_NAMES + 50))
    pool_path(tmp_path).write_bytes(data)
    facts, warnings = guest_facts.build_linux_facts(guest_facts.collect(str(tmp_path)))
    assert warnings == []
    assert facts["evidence"]["kvp"]["records"] == KVP_MAX_NAMES + 50
    assert facts["evidence"]["kvp"]["names"] == ["Key%03d" % index for index in range(KVP_MAX_NAMES)]


def test_parse_kvp_pool_lists_the_first_problems_and_counts_the_rest():
    data = record("", "x") * 30 + b"tail"
    parsed = parse_kvp_pool(data, max_problems=5)
    assert parsed["problems"][:5] == ["record %d has an empty key and was skipped" % index for index in range(5)]
    assert parsed["problems"][5:] == ["26 more problem(s) not listed"]  # 25 records and the trailing bytes
    assert parse_kvp_pool(record("", "x"), max_problems=5)["problems"] == ["record 0 has an empty key and was skipped"]


def test_other_files_are_capped_too(tmp_path):
    (tmp_path / "proc").mkdir()
    with open(str(tmp_path / "proc" / "cpuinfo"), "wb") as handle:
        handle.write(b"flags\t\t: fpu hypervisor\n")
        handle.truncate(guest_facts.MAX_FILE_BYTES + 4096)
    observed = guest_facts.collect(str(tmp_path))
    assert len(observed["cpuinfo"]) == guest_facts.MAX_FILE_BYTES
    assert observed["sources"]["/proc/cpuinfo"] == (
        "read (the first %d bytes; the file is larger)" % guest_facts.MAX_FILE_BYTES)


def _hanging_read_of(target, monkeypatch, delay):
    real_read = os.read
    real_open = os.open
    hanging = set()

    def tracking_open(path, flags, *args):
        descriptor = real_open(path, flags, *args)
        if os.path.realpath(path) == os.path.realpath(str(target)):
            hanging.add(descriptor)
        return descriptor

    def slow_read(descriptor, size):
        if descriptor in hanging:
            time.sleep(delay)  # stands for a read that blocks (a hung mount)
            return b"x"
        return real_read(descriptor, size)

    monkeypatch.setattr(guest_facts.os, "open", tracking_open)
    monkeypatch.setattr(guest_facts.os, "read", slow_read)


def test_a_read_that_hangs_is_interrupted_after_probe_timeout(tmp_path, monkeypatch, capsys):
    path = pool_path(tmp_path)
    path.write_bytes(record("HostName", "HV01"))
    _hanging_read_of(path, monkeypatch, delay=30)
    started = time.monotonic()
    result = run_module(capsys, _root_dir=str(tmp_path), kvp_dir=str(path.parent), probe_timeout=1)
    assert time.monotonic() - started < 10
    shown = os.path.join(str(path.parent), ".kvp_pool_3")
    assert result["ansible_facts"]["hyperv_guest"]["evidence"]["sources"][shown] == \
        "unreadable: no data within 1 s (probe_timeout)"
    assert result["warnings"] == ["kvp_dir holds no readable KVP pool: %s (unreadable: no data within 1 s "
                                  "(probe_timeout))" % shown]


def test_outside_the_main_thread_a_slow_read_stops_at_the_deadline(tmp_path, monkeypatch):
    path = pool_path(tmp_path)
    path.write_bytes(record("HostName", "HV01"))
    _hanging_read_of(path, monkeypatch, delay=0.2)  # a trickle: one byte every 0.2 s
    started = time.monotonic()
    observed = in_thread(lambda: guest_facts.collect(str(tmp_path), timeout=1), seconds=20)
    assert time.monotonic() - started < 5
    assert observed["sources"]["/" + POOL] == "unreadable: not read within 1 s (probe_timeout)"


def test_probe_timeout_below_one_second_is_refused(tmp_path, capsys):
    result = run_module(capsys, _root_dir=str(tmp_path), probe_timeout=0)
    assert result["rc"] == 1
    assert result["msg"] == "probe_timeout must be at least 1 (second), got 0"
