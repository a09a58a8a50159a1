"""Pure guest-detection functions: KVP pool parsing, Linux evidence parsers and the verdict rules."""
import copy
import re

import pytest

from ansible_collections.hyperv.azlocal.plugins.module_utils import _guest
from ansible_collections.hyperv.azlocal.plugins.module_utils._guest import (
    AZURE_ASSET_TAG,
    KVP_RECORD_SIZE,
    RULES,
    SIGNALS,
    build_linux_facts,
    container_name,
    cpu_hypervisor_flag,
    dmi_date,
    first_match,
    firmware_type,
    guest_verdict,
    kvp_identity,
    linux_integration_services,
    loaded_modules,
    parse_kvp_pool,
)


def record(key, value):
    """One kvp_record as hv_kvp_daemon writes it: NUL-padded 512-byte key, 2,048-byte value."""
    key, value = (x if isinstance(x, bytes) else x.encode("utf-8") for x in (key, value))
    return key.ljust(512, b"\x00") + value.ljust(2048, b"\x00")


SAMPLE_POOL = [  # key names: Msvm_KvpExchangeComponent docs; values: sample
    ("HostName", "HV-NODE01"),
    ("PhysicalHostName", "HV-NODE01"),
    ("PhysicalHostNameFullyQualified", "hv-node01.contoso.local"),
    ("VirtualMachineName", "web01"),
]


def signals(**values):
    base = dict((name, None) for name in SIGNALS)
    base.update(values)
    return base


# ---------------------------------------------------------------- KVP pool files

def test_pool_of_whole_records():
    data = b"".join(record(k, v) for k, v in SAMPLE_POOL)
    assert len(data) == 4 * KVP_RECORD_SIZE == 10240
    parsed = parse_kvp_pool(data)
    assert parsed["records"] == 4
    assert parsed["problems"] == []
    assert parsed["keys"] == [k for k, _v in SAMPLE_POOL]
    assert parsed["values"]["PhysicalHostNameFullyQualified"] == "hv-node01.contoso.local"


def test_empty_pool():
    assert parse_kvp_pool(b"") == {"values": {}, "keys": [], "records": 0, "problems": []}


@pytest.mark.parametrize("cut", [1, 511, 512, 2559])
def test_truncated_pool_keeps_whole_records_and_says_how_much_was_ignored(cut):
    data = b"".join(record(k, v) for k, v in SAMPLE_POOL)
    parsed = parse_kvp_pool(data[:-cut])
    assert parsed["records"] == 3
    assert parsed["keys"] == ["HostName", "PhysicalHostName", "PhysicalHostNameFullyQualified"]
    assert len(parsed["problems"]) == 1
    assert parsed["problems"][0].startswith("%d trailing byte(s) ignored" % (KVP_RECORD_SIZE - cut))


def test_value_after_the_terminating_nul_is_ignored():
    # kvp_key_add_or_modify copies only value_size bytes: a shorter new value leaves old bytes behind its NUL.
    raw = record("HostName", b"HV-NEW\x00-OLD-LONGER-NAME")
    assert parse_kvp_pool(raw)["values"] == {"HostName": "HV-NEW"}


def test_non_utf8_value_is_kept_replaced_and_reported():
    data = record("HostName", b"HV-\xff\xfeNODE") + record("VirtualMachineName", "web01")
    parsed = parse_kvp_pool(data)
    assert parsed["values"]["HostName"] == "HV-\ufffd\ufffdNODE"
    assert parsed["values"]["VirtualMachineName"] == "web01"
    assert parsed["problems"] == ["record 0 value is not valid UTF-8 (undecodable bytes replaced)"]


def test_non_utf8_key_and_unterminated_value():
    data = b"Host\xc3(".ljust(512, b"\x00") + b"x" * 2048
    parsed = parse_kvp_pool(data)
    assert parsed["keys"] == ["Host\ufffd("]
    assert parsed["values"]["Host\ufffd("] == "x" * 2048
    assert parsed["problems"] == ["record 0 key is not valid UTF-8 (undecodable bytes replaced)",
                                  "record 0 value is not NUL-terminated"]


def test_unterminated_and_undecodable_in_one_field():
    parsed = parse_kvp_pool(b"\xff" * 512 + b"\x00" * 2048)
    assert parsed["problems"] == ["record 0 key is not NUL-terminated; record 0 key is not valid UTF-8 "
                                  "(undecodable bytes replaced)"]


def test_utf8_values_decode():
    parsed = parse_kvp_pool(record("VirtualMachineName", "Büro-VM-ß"))
    assert parsed["values"] == {"VirtualMachineName": "Büro-VM-ß"}
    assert parsed["problems"] == []


def test_empty_key_record_is_skipped_and_repeated_key_keeps_the_first():
    data = record("", "orphan") + record("HostName", "FIRST") + record("HostName", "SECOND")
    parsed = parse_kvp_pool(data)
    assert parsed["values"] == {"HostName": "FIRST"}
    assert parsed["records"] == 3
    assert parsed["problems"] == ["record 0 has an empty key and was skipped",
                                  "record 2 repeats key 'HostName'; the first record's value is used"]


def test_other_record_sizes():
    data = b"HostName".ljust(256, b"\x00") + b"OLD-HOST".ljust(512, b"\x00")
    assert parse_kvp_pool(data, key_size=256, value_size=512)["values"] == {"HostName": "OLD-HOST"}


@pytest.mark.parametrize("bad", ["text", None, ["HostName"]])
def test_pool_needs_bytes(bad):
    with pytest.raises(TypeError, match="parse_kvp_pool expects bytes"):
        parse_kvp_pool(bad)


def test_kvp_identity_maps_keys_and_blanks():
    values = {"HostName": " HV-NODE01 ", "PhysicalHostName": "", "VirtualMachineId": "0F3C6E2A-4B1D-4E8F-9A7C-2D5B8E1F6A90"}
    assert kvp_identity(values) == {
        "host": {"name": "HV-NODE01", "physical_name": None, "physical_name_fqdn": None},
        "vm": {"name": None, "id": "0F3C6E2A-4B1D-4E8F-9A7C-2D5B8E1F6A90"},
    }
    assert kvp_identity(None)["host"] == {"name": None, "physical_name": None, "physical_name_fqdn": None}


# ---------------------------------------------------------------- rules

# The verdicts of the rule tables, case by case: test_guest_rule_vectors.py (the vectors PowerShell runs too).


def test_generation_from_the_shared_dmidecode_capture(load_data):
    # Solvik/netbox-agent#99 (PARTIAL): a UEFI Hyper-V guest's BIOS Information, firmware type not observed.
    capture = load_data("captures/dmidecode_bios_hyperv_uefi_netbox-agent99.txt")
    fields = dict(re.findall(r"^\s+(Vendor|Version): (.*)$", capture, re.M))
    verdict = guest_verdict(signals(vendor="Microsoft Corporation", product="Virtual Machine",
                                    bios_vendor=fields["Vendor"], bios_version=fields["Version"]))
    assert fields == {"Vendor": "Microsoft Corporation", "Version": "Hyper-V UEFI Release v1.0"}
    assert (verdict["generation"], verdict["matched"]["generation"]) == (2, "bios_version_hyperv_uefi")


def test_verdict_rejects_unknown_signals():
    with pytest.raises(ValueError, match="unknown signal.*manufacturer"):
        guest_verdict({"manufacturer": "Microsoft Corporation"})


def test_verdict_treats_missing_signals_as_unobserved():
    assert guest_verdict({"vendor": "VMware, Inc."})["hypervisor"] == "vmware"


def test_first_match_without_a_match_and_with_a_bad_test():
    assert first_match(RULES["cloud"], signals()) == (None, None)
    bad = [{"id": "x", "result": 1, "use_signal": None, "when": [{"signal": "vendor", "test": "regex", "value": "."}]}]
    with pytest.raises(ValueError, match="unknown rule test 'regex' for signal 'vendor'"):
        first_match(bad, signals(vendor="Xen"))


def test_custom_rules_are_honoured():
    rules = copy.deepcopy(RULES)
    rules["hypervisor"].insert(0, {"id": "lab", "result": "lab", "use_signal": None,
                                   "when": [{"signal": "product", "test": "equals", "value": "Lab Box"}]})
    assert guest_verdict(signals(product="lab box"), rules)["hypervisor"] == "lab"
    assert guest_verdict(signals(product="lab box"))["hypervisor"] == "none"


def test_rule_tables_are_well_formed():
    for table in _guest.RULE_ORDER:
        ids = [rule["id"] for rule in RULES[table]]
        assert len(ids) == len(set(ids)), table
        for rule in RULES[table]:
            assert set(rule) == {"id", "result", "use_signal", "when"}
            for condition in rule["when"]:
                assert condition["signal"] in SIGNALS + _guest.RULE_ORDER
                assert condition["test"] in ("prefix", "equals", "present")
    assert RULES["hypervisor"][-1]["when"] == []  # hypervisor always has a value


# ---------------------------------------------------------------- Linux evidence parsers

@pytest.mark.parametrize("text, want", [
    ("05/13/2024", "2024-05-13"), ("1/2/2019", "2019-01-02"), ("2024-01-31", "2024-01-31"),
    ("", None), (None, None), ("n/a", "n/a"),
])
def test_dmi_date(text, want):
    assert dmi_date(text) == want


@pytest.mark.parametrize("text, want", [
    ("processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n", True),
    ("processor\t: 0\nflags\t\t: fpu vme\nprocessor\t: 1\nflags\t\t: fpu vme hypervisor\n", True),
    # any CPU showing the flag decides: the answer must not depend on which CPU is listed last
    ("processor\t: 0\nflags\t\t: fpu vme hypervisor\nprocessor\t: 1\nflags\t\t: fpu vme\n", True),
    ("processor\t: 0\nflags\t\t: fpu vme hypervisorx\n", False),
    # arm64 /proc/cpuinfo has 'Features', no 'flags': the flag is unknown, not absent
    ("processor\t: 0\nFeatures\t: fp asimd evtstrm\n", None),
    (None, None),
])
def test_cpu_hypervisor_flag(text, want):
    assert cpu_hypervisor_flag(text) is want


def test_loaded_modules():
    text = "hv_utils 40960 2 - Live 0x0000000000000000\nhv_vmbus 147456 9 hv_utils, Live 0x0000000000000000\n\n"
    assert loaded_modules(text) == {"hv_utils", "hv_vmbus"}
    assert loaded_modules("") == set()
    assert loaded_modules(None) is None


@pytest.mark.parametrize("markers, want", [
    ({"systemd_container": "systemd-nspawn\n", "dockerenv": True}, ("systemd-nspawn", "systemd_container")),
    ({"dockerenv": True, "containerenv": True}, ("docker", "dockerenv")),
    ({"containerenv": True}, ("podman", "containerenv")),
    ({"environ": "PATH=/bin\x00container=lxc\x00"}, ("lxc", "environ")),
    ({"environ": "container=\x00"}, (None, None)),
    ({"cgroup": "12:pids:/docker/3f1e9c\n0::/\n"}, ("docker", "cgroup")),
    ({"cgroup": "0::/system.slice/docker-3f1e9c.scope\n"}, ("docker", "cgroup")),
    ({"cgroup": "0::/machine.slice/libpod-3f1e9c.scope\n"}, ("podman", "cgroup")),
    ({"cgroup": "0::/kubepods/burstable/pod1/3f1e9c\n"}, ("container", "cgroup")),
    ({"cgroup": "0::/init.scope\n", "osrelease": "5.15.153.1-microsoft-standard-WSL2\n"}, ("wsl", "osrelease")),
    ({"cgroup": "0::/\n", "osrelease": "6.8.0-1012-azure\n"}, (None, None)),
    ({}, (None, None)),
])
def test_container_name(markers, want):
    assert container_name(markers) == want


@pytest.mark.parametrize("entries, want", [
    (["acpi", "efi", "memmap"], "uefi"), (["acpi", "memmap"], "bios"), ([], None), (None, None),
])
def test_firmware_type(entries, want):
    assert firmware_type(entries) == want


def test_integration_services_states():
    services = linux_integration_services({"hv_vmbus", "hv_utils"}, {"hv_vmbus", "hv_balloon"},
                                          ["systemd", "hypervkvpd", "hv_fcopy_uio_da"])
    assert services["hv_vmbus"] == {"type": "module", "state": "loaded", "provides": []}
    assert services["hv_utils"] == {"type": "module", "state": "loaded",
                                    "provides": ["heartbeat", "shutdown", "time_sync"]}
    assert services["hv_balloon"]["state"] == "builtin"
    assert services["hv_netvsc"]["state"] == "absent"
    assert services["hv_kvp_daemon"] == {"type": "daemon", "state": "running", "provides": ["kvp"]}
    assert services["hv_fcopy_daemon"] == {"type": "daemon", "state": "running", "provides": ["guest_services"]}
    assert services["hv_vss_daemon"]["state"] == "not_running"
    assert set(services) == set(_guest.LINUX_MODULES) | set(_guest.LINUX_DAEMONS)


def test_integration_services_when_sources_are_missing_or_partial():
    unknown = linux_integration_services(None, {"hv_utils"}, None)
    assert unknown["hv_utils"]["state"] == "builtin"
    assert unknown["hv_vmbus"]["state"] == "unknown"
    assert unknown["hv_kvp_daemon"]["state"] == "unknown"
    hidden = linux_integration_services(set(), set(), ["bash"], processes_complete=False)
    assert hidden["hv_kvp_daemon"]["state"] == "unknown"
    hidden_but_seen = linux_integration_services(set(), set(), ["hv_kvp_daemon"], processes_complete=False)
    assert hidden_but_seen["hv_kvp_daemon"]["state"] == "running"


def test_every_integration_service_is_implemented_on_windows():
    for service, where in _guest.INTEGRATION_SERVICES.items():
        assert where["windows"], service
        for name in where["linux"]:
            assert name in _guest.LINUX_MODULES or name in _guest.LINUX_DAEMONS, name


# ---------------------------------------------------------------- build_linux_facts

HYPERV_OBSERVED = {
    "dmi": {"sys_vendor": "Microsoft Corporation\n", "product_name": "Virtual Machine\n",
            "chassis_asset_tag": AZURE_ASSET_TAG + "\n", "bios_vendor": "Microsoft Corporation\n",
            "bios_version": "Hyper-V UEFI Release v4.1\n", "bios_date": "05/13/2024\n"},
    "firmware_entries": ["acpi", "efi"],
    "vmbus_devices": ["242ff919-07db-4180-9c2e-b86cb68c8c55"],
    "cpuinfo": "flags\t\t: fpu hypervisor\n",
    "proc_modules": "hv_vmbus 147456 9 - Live 0x0\n",
    "sys_module": ["hv_vmbus"],
    "processes": ["hv_kvp_daemon"],
    "processes_complete": True,
    "container": {},
    "kvp": {"source": "/var/lib/hyperv/.kvp_pool_3", "data": b"".join(record(k, v) for k, v in SAMPLE_POOL)},
    "sources": {"/sys/class/dmi/id": "read"},
}


def test_build_linux_facts_for_an_azure_gen2_guest():
    facts, warnings = build_linux_facts(HYPERV_OBSERVED)
    assert warnings == []
    assert (facts["is_hyperv_guest"], facts["hypervisor"], facts["cloud"], facts["generation"]) == (True, "hyperv", "azure", 2)
    assert facts["firmware"] == {"vendor": "Microsoft Corporation", "version": "Hyper-V UEFI Release v4.1",
                                 "date": "2024-05-13", "type": "uefi"}
    assert facts["host"]["physical_name_fqdn"] == "hv-node01.contoso.local"
    assert facts["vm"] == {"name": "web01", "id": None}
    assert facts["evidence"]["signals"]["kvp_host_data"] is True
    assert facts["evidence"]["signals"]["vmbus_devices"] == 1
    assert facts["evidence"]["kvp"] == {"source": "/var/lib/hyperv/.kvp_pool_3", "records": 4,
                                        "names": [k for k, _v in SAMPLE_POOL], "problems": []}
    assert facts["evidence"]["errors"] == []
    assert facts["integration_services"]["hv_kvp_daemon"]["state"] == "running"


def test_build_linux_facts_warns_about_a_damaged_pool_and_a_bad_kvp_dir():
    observed = dict(HYPERV_OBSERVED, kvp={"source": "/srv/kvp/.kvp_pool_3", "data": record("HostName", b"H\xff")[:-7]},
                    kvp_missing=None)
    facts, warnings = build_linux_facts(observed)
    assert warnings == ["KVP pool /srv/kvp/.kvp_pool_3: 2553 trailing byte(s) ignored: the file is not a whole "
                        "number of 2560-byte records (truncated, or written with other record sizes)"]
    assert facts["host"]["name"] is None
    assert facts["evidence"]["kvp"]["records"] == 0
    facts, warnings = build_linux_facts(dict(HYPERV_OBSERVED, kvp=None, kvp_missing="/srv/kvp/.kvp_pool_3 (absent)"))
    assert warnings == ["kvp_dir holds no readable KVP pool: /srv/kvp/.kvp_pool_3 (absent)"]
    assert facts["evidence"]["kvp"] == {"source": None, "records": 0, "names": [], "problems": []}
    assert facts["evidence"]["signals"]["kvp_host_data"] is False


def test_build_linux_facts_from_nothing():
    facts, warnings = build_linux_facts({})
    assert warnings == []
    assert facts["hypervisor"] == "none"
    assert facts["evidence"]["signals"] == dict((name, False if name == "kvp_host_data" else None) for name in SIGNALS)
    assert facts["evidence"]["sources"] == {}
