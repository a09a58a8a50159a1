"""Unit tests for plugins/plugin_utils/_identity.py (host_identity and its decisions).

Inputs are the sample hyperv_host documents in tests/unit/data/host_facts (see README.md there for what is
public and what is sample) and the public captures in tests/unit/data/captures.
"""
import copy

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _compare, _identity
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import (
    decide_platform,
    host_identity,
    hypervisor_image,
)
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import parse_computerinfo, parse_systeminfo, parse_ver

SAMPLES = {
    "ws2025": "host_facts/ws2025_datacenter_26100_4349.json",
    "al2506": "host_facts/azurelocal_2506_26100_4349.json",
    "al2505": "host_facts/azurelocal_2505_26100_4061.json",
    "hci23": "host_facts/azurestackhci_23h2_25398_1665_amd.json",
    "ws2022": "host_facts/ws2022_datacenter_20348_3807.json",
    "ec2": "host_facts/ws2025_ec2_no_hyperv.json",
    "nonadmin": "host_facts/azurelocal_2506_nonadmin_errors.json",
}

IDENTITY_KEYS = {
    "source", "sources", "host_name", "platform", "platform_basis", "product_name", "edition_id", "installation_type",
    "display_version", "build", "ubr", "version", "ver_string", "os_name", "os_version", "solution_version",
    "solution_source", "lineage", "cpu_vendor", "architecture", "system_manufacturer", "system_model",
    "virtualization", "hypervisor_present", "hyperv_installed", "hyperv", "kernel", "hypervisor", "collected_at",
    "errors", "anomalies",
}
IMAGE_KEYS = {"image", "path", "exists", "file_version", "product_version", "file_version_string", "file_description",
              "size", "last_write_time", "hashes", "signature", "error"}
SIGNATURE_KEYS = {"status", "status_message", "signer", "issuer", "thumbprint", "signature_type", "is_os_binary",
                  "timestamper", "microsoft", "error"}


@pytest.fixture
def sample(load_data):
    def _sample(name):
        return load_data(SAMPLES[name])
    return _sample


# --- the headline check ----------------------------------------------------------------------------------

def test_ws2025_and_azure_local_4349_share_kernel_and_hypervisor(sample):
    """The mission's proof on the sample data: same OS revision and binaries, different product."""
    ws = host_identity(sample("ws2025"), host="ws25-hv01")
    al = host_identity(sample("al2506"), host="azl-node01")
    for key in ("version", "build", "ubr", "ver_string", "os_version"):
        assert ws[key] == al[key], key
    assert ws["version"] == "10.0.26100.4349"
    for image in ("kernel", "hypervisor"):
        for key in ("image", "file_version", "product_version", "size", "hashes"):
            assert ws[image][key] == al[image][key], (image, key)
        for key in ("status", "signer", "issuer", "thumbprint", "microsoft"):
            assert ws[image]["signature"][key] == al[image]["signature"][key], (image, key)
        assert ws[image]["hashes"]["sha256"]
    assert ws["hypervisor"]["image"] == "hvix64.exe"
    assert (ws["platform"], al["platform"]) == ("windows_server", "azure_local")
    assert (ws["product_name"], al["product_name"]) == ("Windows Server 2025 Datacenter", "Azure Stack HCI")
    assert ws["lineage"]["family"] == al["lineage"]["family"]
    assert "Windows Server 2025" in al["lineage"]["siblings"]
    assert ws["lineage"]["release"] == "Windows Server 2025"


def test_node_a_month_behind_has_other_binaries(sample):
    current = host_identity(sample("al2506"))
    behind = host_identity(sample("al2505"))
    assert behind["version"] == "10.0.26100.4061"
    assert behind["lineage"]["family"] == current["lineage"]["family"]
    for image in ("kernel", "hypervisor"):
        assert behind[image]["file_version"] != current[image]["file_version"]
        assert behind[image]["hashes"]["sha256"] != current[image]["hashes"]["sha256"]
    assert behind["lineage"]["revision"]["kb"] == "KB5058411"
    assert behind["anomalies"] == []  # 12.2505 ships 26100.4061: consistent


# --- every sample --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("ws2025", {"platform": "windows_server", "product_name": "Windows Server 2025 Datacenter", "build": 26100,
                "ubr": 4349, "os_name": "Microsoft Windows Server 2025 Datacenter", "display_version": "24H2",
                "solution_version": None, "hyperv_installed": True, "hypervisor_present": True,
                "cpu_vendor": "GenuineIntel", "architecture": "x64", "host_name": "WS25-HV01"}),
    ("al2506", {"platform": "azure_local", "product_name": "Azure Stack HCI", "edition_id": "ServerAzureStackHCICor",
                "os_name": "Microsoft Azure Stack HCI", "solution_version": "12.2506.1001.29",
                "solution_source": "Get-SolutionUpdateEnvironment", "installation_type": "Server Core"}),
    ("al2505", {"platform": "azure_local", "version": "10.0.26100.4061", "solution_version": "12.2505.1001.23"}),
    ("hci23", {"platform": "azure_local", "version": "10.0.25398.1665", "display_version": "23H2",
               "cpu_vendor": "AuthenticAMD", "solution_version": "11.2506.1001.28"}),
    ("ws2022", {"platform": "windows_server", "version": "10.0.20348.3807", "os_version": "10.0.20348 N/A Build 20348",
                "installation_type": "Server Core", "display_version": "21H2"}),
    ("ec2", {"platform": "windows_server", "hyperv_installed": False, "hypervisor_present": True,
             "system_model": "c5ad.xlarge", "system_manufacturer": "Amazon EC2", "cpu_vendor": "AuthenticAMD"}),
    ("nonadmin", {"platform": "azure_local", "solution_version": None, "hyperv_installed": True}),
])
def test_sample_identity(sample, name, expected):
    identity = host_identity(sample(name), host=name)
    assert set(identity) == IDENTITY_KEYS
    assert set(identity["kernel"]) == IMAGE_KEYS and set(identity["hypervisor"]) == IMAGE_KEYS
    assert set(identity["kernel"]["signature"]) == SIGNATURE_KEYS
    for key, value in expected.items():
        assert identity[key] == value, key
    assert identity["source"] == "host_facts" and identity["sources"] == ["host_facts"]
    assert identity["lineage"]["known"] is True
    assert identity["ver_string"] == "Microsoft Windows [Version %s]" % identity["version"]
    assert identity["kernel"]["image"] == "ntoskrnl.exe" and identity["kernel"]["exists"] is True
    assert identity["kernel"]["signature"]["microsoft"] is True


@pytest.mark.parametrize("name, image, version", [
    ("ws2025", "hvix64.exe", "10.0.26100.4202"),
    ("hci23", "hvax64.exe", "10.0.25398.1611"),
    ("ec2", "hvax64.exe", "10.0.26100.32230"),
    ("ws2022", "hvix64.exe", "10.0.20348.3692"),
])
def test_hypervisor_image_follows_the_cpu(sample, name, image, version):
    identity = host_identity(sample(name))
    assert identity["hypervisor"]["image"] == image
    assert identity["hypervisor"]["path"].lower().endswith("\\system32\\" + image)
    assert identity["hypervisor"]["file_version"] == version


def test_probe_errors_are_carried_and_their_data_is_unknown(sample):
    identity = host_identity(sample("nonadmin"))
    assert [e["probe"] for e in identity["errors"]] == ["solution", "vmhost"]
    assert identity["errors"][0]["type"] == "TimeoutException"
    assert identity["hyperv"]["feature_state"] == "enabled"
    assert identity["hyperv"]["default_vm_version"] is None
    assert identity["hyperv"]["live_migration"] is None
    assert identity["lineage"]["solution"] is None


def test_hyperv_summary(sample):
    hyperv = host_identity(sample("ws2022"))["hyperv"]
    assert hyperv["default_vm_version"] == "10.0"
    assert hyperv["supported_vm_versions"][-1] == "10.0"
    assert hyperv["vmms_state"] == "Running" and hyperv["vmms_start_mode"] == "Auto"
    assert hyperv["live_migration"]["authentication_type"] == "Kerberos"
    no_hyperv = host_identity(sample("ec2"))["hyperv"]
    assert no_hyperv["feature_state"] == "disabled" and no_hyperv["vmms_state"] is None


# --- "exactly what ver / systeminfo print", against public captures ------------------------------------------

def test_os_name_and_version_are_what_systeminfo_prints(sample, load_data):
    printed = parse_systeminfo(load_data("captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt"))
    identity = host_identity(sample("ws2025"))
    assert identity["os_name"] == printed["os_name"]
    assert identity["os_version"] == printed["os_version"]


def test_ver_string_is_what_ver_prints(sample, load_data):
    text = load_data("captures/ver_azurelocal_23h2_25398_msdocs.txt")
    facts = sample("hci23")
    facts["os_registry"]["ubr"] = 1189  # the node of the capture ran 10.0.25398.1189
    assert host_identity(facts)["ver_string"] == parse_ver(text)["ver_string"]


# --- platform ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("evidence, platform, basis", [
    ({"edition_id": "ServerAzureStackHCICor", "product_type": 3}, "azure_local", "edition_id ServerAzureStackHCICor"),
    ({"sku": 406, "product_type": 3}, "azure_local", "operating_system_sku 406"),
    ({"names": ("Microsoft Azure Stack HCI",), "product_type": 3}, "azure_local", "product name 'Microsoft Azure Stack HCI'"),
    ({"names": ("Azure Local",)}, "azure_local", "product name 'Azure Local'"),
    # Windows Server Datacenter: Azure Edition is Windows Server, not Azure Local.
    ({"edition_id": "ServerTurbine", "sku": 407, "product_type": 3,
      "names": ("Microsoft Windows Server 2022 Datacenter: Azure Edition",)}, "windows_server", "product_type 3 (server)"),
    ({"product_type": 2}, "windows_server", "product_type 2 (domain_controller)"),
    ({"product_type": 1, "edition_id": "Professional"}, "windows_client", "product_type 1 (workstation)"),
    ({"installation_type": "Client"}, "windows_client", "installation_type Client"),
    ({"installation_type": "Server Core"}, "windows_server", "installation_type Server Core"),
    ({"edition_id": "ServerStandard"}, "windows_server", "edition_id ServerStandard"),
    ({"os_configuration": "Standalone Workstation"}, "windows_client", "OS Configuration 'Standalone Workstation'"),
    ({"os_configuration": "Primary Domain Controller"}, "windows_server", "OS Configuration 'Primary Domain Controller'"),
    ({"names": ("Microsoft Windows Server 2025 Standard Evaluation",)}, "windows_server",
     "product name 'Microsoft Windows Server 2025 Standard Evaluation'"),
    ({"names": ("Microsoft Windows 11 Home Single Language",)}, "windows_client",
     "product name 'Microsoft Windows 11 Home Single Language'"),
    ({}, "unknown", None),
    ({"names": ("Contoso OS",), "sku": 8}, "unknown", None),
])
def test_decide_platform(evidence, platform, basis):
    assert decide_platform(**evidence) == (platform, basis)


def test_platform_never_comes_from_the_build(sample):
    """Windows 11, Windows Server 2025 and Azure Local share 26100: only product evidence decides."""
    facts = sample("ws2025")
    for key in ("product_name", "edition_id", "installation_type"):
        facts["os_registry"][key] = None
    facts["os_cim"].update(caption=None, operating_system_sku=None, product_type=None)
    identity = host_identity(facts)
    assert identity["build"] == 26100
    assert identity["platform"] == "unknown" and identity["platform_basis"] is None
    assert identity["lineage"]["known"] is True and identity["lineage"]["release"] is None
    assert len(identity["lineage"]["siblings"]) == 3


def test_windows_11_registry_product_name_quirk(sample):
    """Registry ProductName says "Windows 10 Pro" on Windows 11; WMI's Caption is right."""
    facts = sample("ws2025")
    facts["os_registry"].update(product_name="Windows 10 Pro", edition_id="Professional", installation_type="Client")
    facts["os_cim"].update(caption="Microsoft Windows 11 Pro", operating_system_sku=48, product_type=1)
    identity = host_identity(facts)
    assert identity["product_name"] == "Windows 11 Pro"
    assert identity["platform"] == "windows_client"
    assert identity["lineage"]["release"] == "Windows 11, version 24H2"


# --- hypervisor image ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("vendor, architecture, image", [
    ("GenuineIntel", "x64", "hvix64.exe"),
    ("AuthenticAMD", "x64", "hvax64.exe"),
    ("genuineintel", None, "hvix64.exe"),
    ("Qualcomm Technologies Inc", "arm64", "hvaa64.exe"),
    (None, "arm64", "hvaa64.exe"),
    ("HygonGenuine", "x64", None),
    ("GenuineIntel", "x86", None),
    (None, None, None),
])
def test_hypervisor_image(vendor, architecture, image):
    assert hypervisor_image(vendor, architecture) == image


def test_arm64_host_runs_hvaa64(sample):
    facts = sample("ws2025")
    for cpu in facts["hardware"]["processors"]:
        cpu.update(manufacturer="Qualcomm Technologies Inc", architecture=12)
    arm = copy.deepcopy(facts["files"][0])
    arm.update(path="C:\\Windows\\system32\\hvaa64.exe", exists=True, file_version_raw="10.0.26100.4202",
               hashes={"sha256": "ab" * 32})
    facts["files"][3] = arm
    identity = host_identity(facts)
    assert identity["architecture"] == "arm64"
    assert identity["hypervisor"]["image"] == "hvaa64.exe"
    assert identity["hypervisor"]["hashes"] == {"sha256": "AB" * 32}  # upper case, as Get-FileHash prints
    assert identity["hypervisor"]["signature"]["status"] is None  # no signature entry for that path


def test_unknown_cpu_vendor_is_an_anomaly_not_a_guess(sample):
    facts = sample("ws2025")
    for cpu in facts["hardware"]["processors"]:
        cpu["manufacturer"] = "HygonGenuine"
    identity = host_identity(facts)
    assert identity["hypervisor"]["image"] is None
    assert identity["hypervisor"]["exists"] is None and identity["hypervisor"]["hashes"] == {}
    assert identity["anomalies"] == ["hypervisor images hvix64.exe, hvax64.exe were read, and CPU vendor HygonGenuine "
                                     "on architecture x64 does not tell which one runs"]


# --- only observed values are evidence -----------------------------------------------------------------------

def test_the_one_hypervisor_image_read_is_the_hypervisor_whatever_the_cpu(sample):
    """The image file found and read decides; the CPU vendor only chooses among several that were read."""
    facts = sample("ws2025")  # GenuineIntel
    intel = next(f for f in facts["files"] if f["path"].lower().endswith("hvix64.exe"))
    intel.update(exists=False, file_version_raw=None, product_version_raw=None, file_version=None, hashes={})
    identity = host_identity(facts)
    assert identity["hypervisor"]["image"] == "hvax64.exe"
    assert identity["hypervisor"]["file_version"] == "10.0.26100.4202"
    assert identity["anomalies"] == []


@pytest.mark.parametrize("unread", [
    {"exists": True, "file_version_raw": None, "product_version_raw": None, "file_version": None, "hashes": {}},
    {"exists": False, "file_version_raw": None, "product_version_raw": None, "file_version": None, "hashes": None},
    {"exists": None, "file_version_raw": "", "product_version_raw": " ", "file_version": None,
     "hashes": {"sha256": None}, "error": "Access to the path is denied."},
])
def test_a_file_without_version_or_hash_is_no_evidence(sample, unread):
    facts = sample("al2506")
    for entry in facts["files"]:
        entry.update(unread)
    identity = host_identity(facts)
    assert identity["kernel"]["image"] is None
    assert identity["hypervisor"]["image"] is None
    # what was observed about the kernel file is still reported
    assert identity["kernel"]["path"] == "C:\\Windows\\system32\\ntoskrnl.exe"
    assert identity["kernel"]["error"] == unread.get("error")


def test_a_hash_alone_is_an_observation(sample):
    facts = sample("al2506")
    for entry in facts["files"]:
        entry.update(file_version_raw=None, product_version_raw=None, file_version=None)
    identity = host_identity(facts)
    assert identity["kernel"]["image"] == "ntoskrnl.exe"
    assert identity["hypervisor"]["image"] == "hvix64.exe"


def test_collected_at_is_kept_and_several_documents_are_as_old_as_the_oldest(sample):
    facts = sample("al2506")
    assert host_identity(facts)["collected_at"] == facts["collected_at"]
    older = dict(facts, collected_at="2025-07-01T08:00:00.0000000Z")
    assert host_identity([facts, older])["collected_at"] == "2025-07-01T08:00:00.0000000Z"
    assert host_identity(parse_ver("Microsoft Windows [Version 10.0.26100.4349]"))["collected_at"] is None
    with pytest.raises(ValueError, match="host 'h': collected_at must be an ISO 8601 time string, got 5"):
        host_identity(dict(facts, collected_at=5), host="h")


def test_os_architecture_fallback(sample):
    facts = sample("ws2025")
    facts["hardware"] = None
    for text, arch in (("64-bit", "x64"), ("ARM 64-bit Processor", "arm64"), ("32-bit", "x86"), ("ARM", "arm"),
                       ("unknown", None), (None, None)):
        facts["os_cim"]["os_architecture"] = text
        assert host_identity(facts)["architecture"] == arch, text


# --- missing and partial data --------------------------------------------------------------------------------

def test_without_registry_the_ubr_is_unknown(sample):
    facts = sample("al2506")
    facts["os_registry"] = None
    identity = host_identity(facts)
    assert identity["build"] == 26100 and identity["ubr"] is None
    assert identity["version"] == "10.0.26100"
    assert identity["ver_string"] is None  # cannot know what ver prints
    assert identity["product_name"] == "Azure Stack HCI"  # from the Caption
    assert identity["platform"] == "azure_local" and identity["platform_basis"] == "operating_system_sku 406"
    assert identity["display_version"] is None
    assert identity["lineage"]["revision"]["known"] is False
    assert identity["anomalies"] == []  # no UBR: the solution version cannot be checked against it


def test_registry_without_ubr_prints_ver_without_revision(sample):
    facts = sample("ws2022")
    facts["os_registry"]["ubr"] = None
    identity = host_identity(facts)
    assert identity["ver_string"] == "Microsoft Windows [Version 10.0.20348]"


def test_release_id_stands_in_for_display_version(sample):
    facts = sample("ws2022")
    facts["os_registry"]["display_version"] = None
    assert host_identity(facts)["display_version"] == "2009"


def test_without_cim_the_version_comes_from_the_registry(sample):
    facts = sample("ws2025")
    facts["os_cim"] = None
    identity = host_identity(facts)
    assert identity["version"] == "10.0.26100.4349"
    assert identity["os_name"] is None
    assert identity["os_version"] == "10.0.26100 N/A Build 26100"
    assert identity["platform"] == "windows_server" and identity["platform_basis"] == "installation_type Server"


def test_old_os_without_csd_knowledge_has_no_os_version(sample):
    facts = sample("ws2025")
    facts["os_cim"] = None
    facts["os_registry"].update(current_major_version_number=6, current_minor_version_number=1)
    assert host_identity(facts)["os_version"] is None
    facts["os_cim"] = {"caption": "Microsoft Windows Server 2008 R2 Enterprise ", "version": "6.1.7601",
                       "build_number": "7601", "csd_version": "Service Pack 1", "product_type": 3}
    facts["os_registry"].update(current_build_number="7601", current_build="7601", ubr=None)
    identity = host_identity(facts)
    assert identity["os_version"] == "6.1.7601 Service Pack 1 Build 7601"
    assert identity["os_name"] == "Microsoft Windows Server 2008 R2 Enterprise"
    assert identity["lineage"]["known"] is False


@pytest.mark.parametrize("failed", ["files", "hardware", "hyperv", "os_registry", "os_cim"])
def test_failed_or_excluded_probe_gives_unknown_values(sample, failed):
    for variant in ("null", "absent"):
        facts = sample("ws2025")
        if variant == "null":
            facts[failed] = None
        else:
            del facts[failed]
            facts["excluded_probes"] = [failed]
        identity = host_identity(facts)
        assert set(identity) == IDENTITY_KEYS
        if failed == "files":
            assert identity["kernel"]["exists"] is None and identity["kernel"]["hashes"] == {}
            assert identity["kernel"]["image"] is None  # nothing read: no kernel image is claimed
            assert identity["hypervisor"]["image"] is None and identity["hypervisor"]["exists"] is None
        if failed == "hardware":
            # two images were read and no CPU vendor says which one runs
            assert identity["cpu_vendor"] is None and identity["hypervisor"]["image"] is None
            assert identity["hypervisor_present"] is None and identity["host_name"] is None
        if failed == "hyperv":
            assert identity["hyperv_installed"] is None


def test_signatures_missing_but_files_present(sample):
    facts = sample("ws2025")
    facts["signatures"] = None
    identity = host_identity(facts)
    assert identity["kernel"]["hashes"]["sha256"]
    assert identity["kernel"]["signature"]["status"] is None and identity["kernel"]["signature"]["microsoft"] is None


def test_missing_file_and_read_error(sample):
    facts = sample("ws2025")
    facts["files"][0].update(exists=False, size=None, file_version_raw=None, hashes={})
    facts["files"][1]["error"] = "The process cannot access the file because it is being used by another process."
    identity = host_identity(facts)
    assert identity["kernel"]["exists"] is False and identity["kernel"]["file_version"] is None
    assert identity["hypervisor"]["error"].startswith("The process cannot access")


@pytest.mark.parametrize("install_state, vmms, expected, state", [
    (1, None, True, "enabled"),
    (2, {"name": "vmms"}, False, "disabled"),
    (3, None, False, "absent"),
    (4, {"name": "vmms", "state": "Running"}, True, "unknown"),
    (4, None, False, "unknown"),
    (None, {"name": "vmms"}, True, None),
])
def test_hyperv_installed(sample, install_state, vmms, expected, state):
    facts = sample("ws2025")
    feature = None if install_state is None else {"name": "Microsoft-Hyper-V", "install_state": install_state}
    facts["hyperv"] = {"optional_feature": feature, "vmms": vmms}
    identity = host_identity(facts)
    assert identity["hyperv_installed"] is expected
    assert identity["hyperv"]["feature_state"] == state


# --- anomalies -----------------------------------------------------------------------------------------------

def test_build_numbers_that_disagree_are_reported(sample):
    facts = sample("ws2025")
    facts["os_cim"]["build_number"] = "26200"
    identity = host_identity(facts)
    assert identity["build"] == 26100
    assert identity["anomalies"] == ["the build numbers disagree: os_registry.current_build_number=26100, "
                                     "os_registry.current_build=26100, os_cim.build_number=26200, "
                                     "os_cim.version=26100; using os_registry.current_build_number"]


def test_mixed_processor_vendors_are_reported(sample):
    facts = sample("ws2025")
    facts["hardware"]["processors"][1]["manufacturer"] = "AuthenticAMD"
    identity = host_identity(facts)
    assert identity["cpu_vendor"] == "GenuineIntel"
    assert "processors report different vendors: GenuineIntel, AuthenticAMD" in identity["anomalies"]


def test_solution_version_that_does_not_match_the_os_is_reported(sample):
    facts = sample("al2505")
    facts["solution"]["current_version"] = "12.2506.1001.29"  # update recorded, OS still at 4061
    identity = host_identity(facts)
    assert identity["anomalies"] == ["solution version 12.2506.1001.29 shipped OS 10.0.26100.4349, but this host "
                                     "runs the older 10.0.26100.4061"]
    assert identity["lineage"]["solution"]["os_version"] == "10.0.26100.4349"
    assert identity["lineage"]["solution"]["host_os"] == "older"


def test_a_newer_revision_than_the_release_shipped_is_a_hotfix_not_an_anomaly(sample):
    facts = sample("al2506")
    facts["os_registry"]["ubr"] = 4351  # an out-of-band fix after 12.2506.1001.29 (26100.4349)
    identity = host_identity(facts)
    assert identity["anomalies"] == [] and identity["lineage"]["solution"]["host_os"] == "newer"


def test_a_solution_of_another_os_family_is_an_anomaly(sample):
    facts = sample("al2506")
    facts["solution"]["current_version"] = "11.2506.1001.28"  # a 23H2 release recorded on a 26100 node
    identity = host_identity(facts)
    assert identity["anomalies"] == ["solution version 11.2506.1001.28 is a release of OS build 25398, but this host "
                                     "runs build 26100"]
    assert identity["lineage"]["solution"]["host_os"] == "other_family"


def test_stamp_information_fallback(sample):
    facts = sample("al2506")
    facts["solution"] = {"source": "Get-StampInformation", "stamp_version": "12.2506.1001.29",
                         "services_version": "12.2506.1001.29", "installation_method": "Upgrade",
                         "fallback_reason": "Get-SolutionUpdateEnvironment failed: sample"}
    identity = host_identity(facts)
    assert identity["solution_version"] == "12.2506.1001.29"
    assert identity["solution_source"] == "Get-StampInformation"


def test_bad_solution_version_names_the_host(sample):
    facts = sample("al2506")
    facts["solution"]["current_version"] = "latest"
    with pytest.raises(ValueError, match=r"host 'n1'.*'latest' is not an Azure Local solution version"):
        host_identity(facts, host="n1")


# --- signatures ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("change, microsoft", [
    ({}, True),
    ({"status": "HashMismatch"}, False),
    ({"status": "NotSigned", "signer_subject": None, "signer_issuer": None}, False),
    ({"signer_subject": "CN=Contoso Kernel, O=Contoso Ltd, C=US"}, False),
    ({"signer_issuer": "CN=Contoso CA, O=Contoso Ltd"}, False),
    ({"signer_subject": 'CN=Microsoft Windows, O="Microsoft Corporation", C=US'}, True),
    ({"status": None}, None),
])
def test_genuine_microsoft_signature(sample, change, microsoft):
    facts = sample("ws2025")
    facts["signatures"][0].update(change)
    assert host_identity(facts)["kernel"]["signature"]["microsoft"] is microsoft


def test_signature_matched_case_insensitively_by_path(sample):
    facts = sample("ws2025")
    facts["signatures"][0]["path"] = facts["signatures"][0]["path"].upper()
    facts["signatures"][0]["signer_thumbprint"] = "ab" * 20
    signature = host_identity(facts)["kernel"]["signature"]
    assert signature["status"] == "Valid" and signature["thumbprint"] == "AB" * 20


def test_extra_files_are_not_mistaken_for_the_kernel(sample):
    facts = sample("ws2025")
    extra = copy.deepcopy(facts["files"][0])
    extra.update(path="D:\\backup\\ntoskrnl.exe", file_version_raw="1.2.3.4")
    facts["files"].insert(0, extra)
    assert host_identity(facts)["kernel"]["file_version"] == "10.0.26100.4349"


# --- input shapes and errors ---------------------------------------------------------------------------------

def test_hostvars_and_module_result_shapes(sample):
    facts = sample("al2506")
    direct = host_identity(facts)
    assert host_identity({"hyperv_host": facts, "inventory_hostname": "n1"}) == direct
    assert host_identity({"ansible_facts": {"hyperv_host": facts}, "changed": False}) == direct


@pytest.mark.parametrize("data, error, match", [
    ("text", TypeError, "expected hyperv_host facts, parse_ver, parse_systeminfo or parse_computerinfo output, got str"),
    ([{"source": "ver", "build": 1, "major": 10, "minor": 0}, 3], TypeError, "got int"),
    ([], ValueError, "the list of documents is empty"),
    ({"foo": 1, "bar": 2}, ValueError, "keys found: bar, foo"),
    ({}, ValueError, "keys found: none"),
    ({"source": "ver", "major": 10, "minor": 0}, ValueError, "the parse_ver document has no build"),
])
def test_bad_input(data, error, match):
    with pytest.raises(error, match=match):
        host_identity(data)


@pytest.mark.parametrize("path, value, match", [
    (("os_registry",), "Windows", r"host_identity: host 'hv1': os_registry must be a dict, got str"),
    (("os_registry", "ubr"), "4349a", r"host_identity: host 'hv1': os_registry.ubr is '4349a', expected an integer"),
    (("os_registry", "ubr"), True, r"os_registry.ubr is True, expected an integer"),
    (("os_cim", "product_type"), 3.5, r"os_cim.product_type is 3.5, expected an integer"),
    (("files",), {"path": "x"}, r"files must be a list, got dict"),
    (("files",), ["C:\\x"], r"every item of files must be a dict, got str"),
    (("errors",), "boom", r"errors must be a list"),
    (("hardware", "computer_system", "hypervisor_present"), "yes",
     r"hardware.computer_system.hypervisor_present is 'yes', expected a boolean"),
    (("hardware", "processors"), {}, r"hardware.processors must be a list"),
    (("vmhost", "supported_versions"), "12.0", r"vmhost.supported_versions must be a list"),
])
def test_malformed_facts_name_the_field(sample, path, value, match):
    facts = sample("ws2025")
    target = facts
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValueError, match=match):
        host_identity(facts, host="hv1")


def test_file_without_path(sample):
    facts = sample("ws2025")
    facts["files"][2]["path"] = ""
    with pytest.raises(ValueError, match="an item of files has no path"):
        host_identity(facts)


def test_numbers_as_floats_and_strings_are_accepted(sample):
    facts = sample("ws2025")
    facts["os_registry"]["ubr"] = 4349.0
    facts["os_registry"]["current_major_version_number"] = "10"
    assert host_identity(facts)["version"] == "10.0.26100.4349"


# --- text sources --------------------------------------------------------------------------------------------

def test_identity_from_systeminfo_capture(load_data):
    info = parse_systeminfo(load_data("captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt"))
    identity = host_identity(info, host="ec2")
    assert identity["source"] == "systeminfo"
    assert identity["platform"] == "windows_server"
    assert identity["platform_basis"] == "OS Configuration 'Standalone Server'"
    assert identity["product_name"] == "Windows Server 2025 Datacenter"
    assert (identity["build"], identity["ubr"], identity["version"]) == (26100, None, "10.0.26100")
    assert identity["ver_string"] is None
    assert identity["os_version"] == "10.0.26100 N/A Build 26100"
    assert identity["cpu_vendor"] == "AuthenticAMD" and identity["architecture"] == "x64"
    # systeminfo reads no file: neither image is known, whatever the CPU vendor
    assert identity["hypervisor"]["image"] is None and identity["hypervisor"]["exists"] is None
    assert identity["kernel"]["image"] is None
    assert identity["kernel"]["file_version"] is None and identity["kernel"]["hashes"] == {}
    assert identity["hypervisor_present"] is None  # this partial capture stops before Hyper-V Requirements
    assert identity["host_name"] == "EC2AMAZ-SA7RIKE"
    assert identity["lineage"]["release"] == "Windows Server 2025"


def test_identity_from_systeminfo_matches_identity_from_facts(sample, load_data):
    """The same host known from text and from host_facts agrees on every field the text carries."""
    text = parse_systeminfo(load_data("captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt"))
    from_text = host_identity(text)
    from_facts = host_identity(sample("ec2"))
    for key in ("host_name", "platform", "product_name", "build", "os_name", "os_version", "cpu_vendor",
                "architecture", "system_manufacturer", "system_model"):
        assert from_text[key] == from_facts[key], key
    assert from_facts["hypervisor"]["image"] == "hvax64.exe"
    assert from_text["hypervisor"]["image"] is None  # the text observed no file


# Constructed Azure Local systeminfo: the OS Name, OS Version and Hyper-V line as Microsoft Learn shows them
# (azure-local/deploy/enable-sdn-integration.md); the other values are sample.
AZURE_LOCAL_SYSTEMINFO = """\
PS C:\\> systeminfo

Host Name:                     AZL-NODE01
OS Name:                       Microsoft Azure Stack HCI
OS Version:                    10.0.26100 N/A Build 26100
OS Manufacturer:               Microsoft Corporation
OS Configuration:              Member Server
System Type:                   x64-based PC
Processor(s):                  2 Processor(s) Installed.
                               [01]: Intel64 Family 6 Model 143 Stepping 8 GenuineIntel ~2100 Mhz
                               [02]: Intel64 Family 6 Model 143 Stepping 8 GenuineIntel ~2100 Mhz
Hotfix(s):                     2 Hotfix(s) Installed.
                               [01]: KB5059502
                               [02]: KB5060842
Hyper-V Requirements:          A hypervisor has been detected. Features required for Hyper-V will not be displayed.
PS C:\\>
"""


def test_azure_local_from_systeminfo_plus_ver():
    info = parse_systeminfo(AZURE_LOCAL_SYSTEMINFO)
    ver = parse_ver("Microsoft Windows [Version 10.0.26100.4349]")
    identity = host_identity([info, ver], host="azl-node01")
    assert identity["source"] == "systeminfo+ver" and identity["sources"] == ["systeminfo", "ver"]
    assert identity["platform"] == "azure_local"
    assert identity["platform_basis"] == "product name 'Microsoft Azure Stack HCI'"
    assert identity["product_name"] == "Azure Stack HCI"
    assert identity["version"] == "10.0.26100.4349"
    assert identity["ver_string"] == "Microsoft Windows [Version 10.0.26100.4349]"
    assert identity["os_version"] == "10.0.26100 N/A Build 26100"
    assert identity["hypervisor_present"] is True
    assert identity["hypervisor"]["image"] is None and identity["kernel"]["image"] is None
    assert identity["lineage"]["revision"]["kb"] == "KB5060842"


def test_text_identity_compares_with_live_identity(sample):
    """A host known only from captured text agrees with a gathered host on the kernel proof's OS fields."""
    text = host_identity([parse_systeminfo(AZURE_LOCAL_SYSTEMINFO),
                          parse_ver("Microsoft Windows [Version 10.0.26100.4349]")])
    live = host_identity(sample("al2506"))
    for key in ("platform", "product_name", "build", "ubr", "version", "ver_string", "os_name", "os_version",
                "host_name", "cpu_vendor", "architecture", "hypervisor_present"):
        assert text[key] == live[key], key
    assert text["lineage"]["family"] == live["lineage"]["family"]


def test_documents_that_disagree_are_an_error(load_data):
    info = parse_systeminfo(load_data("captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt"))
    ver = parse_ver(load_data("captures/ver_azurelocal_23h2_25398_msdocs.txt"))
    with pytest.raises(ValueError, match=r"host 'x': the documents disagree on build: 26100 from systeminfo; "
                                         r"25398 from ver"):
        host_identity([info, ver], host="x")


def test_ver_only_identity(load_data):
    identity = host_identity(parse_ver(load_data("captures/ver_azurelocal_23h2_25398_msdocs.txt")))
    assert identity["platform"] == "unknown"
    assert identity["ver_string"] == "Microsoft Windows [Version 10.0.25398.1189]"
    assert identity["os_version"] == "10.0.25398 N/A Build 25398"
    assert identity["lineage"]["known"] is True and identity["lineage"]["release"] is None
    assert identity["hypervisor"]["image"] is None and identity["anomalies"] == []


@pytest.mark.parametrize("doc, source", [
    ({"ver_string": "Microsoft Windows [Version 10.0.20348.3807]", "major": 10, "minor": 0, "build": 20348,
      "ubr": 3807}, "ver"),
    ({"os_name": "Microsoft Windows Server 2022 Datacenter", "os_version": "10.0.20348 N/A Build 20348"},
     "systeminfo"),
    ({"os_version": "10.0.20348 N/A Build 20348"}, "systeminfo"),
])
def test_text_documents_without_source_key(doc, source):
    identity = host_identity(doc)
    assert identity["source"] == source and identity["build"] == 20348


@pytest.mark.parametrize("requirements, present", [
    (["A hypervisor has been detected.", "Features required for Hyper-V will not", "be displayed."], True),
    ("A hypervisor has been detected. Features required for Hyper-V will not be displayed.", True),
    (["VM Monitor Mode Extensions: Yes", "Virtualization Enabled In Firmware: Yes",
      "Second Level Address Translation: Yes", "Data Execution Prevention Available: Yes"], False),
    ([], None),
])
def test_hypervisor_present_from_systeminfo(requirements, present):
    doc = {"source": "systeminfo", "os_name": "Microsoft Windows Server 2022 Datacenter",
           "os_version": "10.0.20348 N/A Build 20348", "build": 20348, "hyper_v_requirements": requirements,
           "system_type": "ARM64-based PC", "processors": "ARMv8 (64-bit) Family 8 Model 1 Revision 201, Qualcomm"}
    identity = host_identity(doc)
    assert identity["hypervisor_present"] is present
    assert identity["architecture"] == "arm64" and identity["hypervisor"]["image"] is None
    assert identity["cpu_vendor"] is None


def test_platforms_constant():
    assert _identity.PLATFORMS == ("azure_local", "windows_server", "windows_client", "unknown")


def test_without_any_os_probe_nothing_about_the_os_is_known(sample):
    facts = sample("ws2025")
    facts["os_registry"] = facts["os_cim"] = None
    identity = host_identity(facts)
    assert (identity["build"], identity["version"], identity["ver_string"], identity["os_version"]) == (None,) * 4
    assert identity["lineage"]["known"] is False and identity["lineage"]["revision"]["known"] is False
    assert identity["kernel"]["file_version"] == "10.0.26100.4349"  # the binaries are still known


def test_kernel_profile_of_compare_hosts_on_the_samples(sample):
    """The identity feeds hyperv.azlocal.compare_hosts: the kernel proof holds across products, not across months."""
    hostvars = {name: {"ansible_facts": {"hyperv_host": sample(name)}} for name in ("ws2025", "al2506", "al2505")}
    same_month = _compare.compare_hosts(hostvars, hosts=["ws2025", "al2506"], profile="kernel")
    assert same_month["identical"] is True
    assert same_month["fields"]["kernel_sha256"]["values"]["ws2025"] == \
        same_month["fields"]["kernel_sha256"]["values"]["al2506"]
    with_older = _compare.compare_hosts(hostvars, hosts=["ws2025", "al2506", "al2505"], profile="kernel")
    assert with_older["identical"] is False
    for field in ("ubr", "kernel_sha256", "hypervisor_sha256"):
        groups = with_older["fields"][field]["groups"]
        assert [sorted(group["hosts"]) for group in groups] == [["al2506", "ws2025"], ["al2505"]], field


def test_images_read_through_sysnative_are_the_system_images(sample):
    """A 32-bit PowerShell reads System32 as %windir%\\Sysnative: the same kernel and hypervisor."""
    facts = sample("ws2025")
    expected = host_identity(copy.deepcopy(facts))
    for entry in facts["files"] + facts["signatures"]:
        entry["path"] = entry["path"].replace("\\system32\\", "\\Sysnative\\").replace("\\System32\\", "\\Sysnative\\")
    identity = host_identity(facts)
    assert identity["kernel"]["path"].endswith("\\Sysnative\\ntoskrnl.exe")
    for part in ("kernel", "hypervisor"):
        for key in ("image", "file_version", "hashes", "signature"):
            assert identity[part][key] == expected[part][key], (part, key)


# --- Format-List documents, guests, localized ver, WMI Version as the build ------------------------------------

def test_identity_from_whole_get_computerinfo(load_data):
    """Windows 11 whose registry ProductName still says Windows 10: the WMI OsName corrects it; WindowsUBR gives
    the full version; HyperVisorPresent reads as a boolean."""
    doc = parse_computerinfo(load_data("captures/get-computerinfo_win11_22621_pro_osd.txt"))
    identity = host_identity(doc, host="hp")
    assert identity["source"] == "computerinfo" and identity["host_name"] == "HPFIREFLY16P"
    assert identity["platform"] == "windows_client" and identity["platform_basis"] == "product_type 1 (workstation)"
    assert identity["product_name"] == "Windows 11 Pro" and identity["edition_id"] == "Professional"
    assert (identity["version"], identity["ubr"]) == ("10.0.22621.2134", 2134)
    assert identity["ver_string"] == "Microsoft Windows [Version 10.0.22621.2134]"
    assert identity["display_version"] == "2009" and identity["architecture"] == "x64"
    assert identity["hypervisor_present"] is True
    assert identity["virtualization"] == {"guest": False, "hypervisor": None,
                                          "basis": "System Manufacturer 'HP', System Model 'HP ZBook Firefly 16 inch G10 "
                                                   "Mobile Workstation PC', BIOS Version 'HP HPQOEM - 0': no known virtual platform"}


def test_identity_from_a_get_computerinfo_selection(load_data):
    identity = host_identity(parse_computerinfo(load_data("captures/get-computerinfo_select_ws2022_wazuh36370_partial.txt")))
    assert (identity["platform"], identity["build"], identity["version"]) == ("windows_server", 20348, "10.0.20348")
    assert identity["ubr"] is None and identity["ver_string"] is None  # no WindowsUBR in the selection
    assert identity["lineage"]["release"] == "Windows Server 2022"


def test_identity_from_win32_operatingsystem_name_alone(load_data):
    """Only the wrapped Name of Win32_OperatingSystem: its caption part says Azure Stack HCI."""
    doc = parse_computerinfo(load_data("captures/get-ciminstance_win32_operatingsystem_fl_azurestackhci_validate-dcb45_partial.txt"))
    identity = host_identity(doc)
    assert identity["platform"] == "azure_local" and identity["os_name"] == "Microsoft Azure Stack HCI"
    assert identity["build"] is None and identity["source"] == "win32_operatingsystem"


def test_win32_operatingsystem_version_is_the_build_without_buildnumber():
    doc = parse_computerinfo("Caption        : Microsoft Windows Server 2025 Datacenter\n"
                             "Version        : 10.0.26100\n"
                             "ProductType    : 3\n"
                             "OperatingSystemSKU : 8\n")
    identity = host_identity(doc)
    assert (identity["build"], identity["platform"], identity["version"]) == (26100, "windows_server", "10.0.26100")


def test_facts_without_build_number_use_the_wmi_version(sample):
    facts = sample("ws2025")
    facts["os_registry"] = None
    del facts["os_cim"]["build_number"]
    identity = host_identity(facts)
    assert identity["build"] == 26100 and identity["anomalies"] == []


@pytest.mark.parametrize("capture, guest, hypervisor", [
    ("captures/systeminfo_ws2022_standard_hyperv_guest_wesng.txt", True, "Hyper-V"),
    ("captures/systeminfo_win11_24h2_ltsc_hyperv_guest_wesng.txt", True, "Hyper-V"),
    ("captures/systeminfo_ws2019_datacenter_vmware_guest_wesng.txt", True, "VMware"),
    ("captures/systeminfo_win10_vmware_guest_gopsutil65_partial.txt", True, "VMware"),
    ("captures/systeminfo_ws2022_datacenter_ec2_fo-list_wazuh30326_partial.txt", True, "Amazon EC2"),
    ("captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt", True, "Amazon EC2"),
    ("captures/systeminfo_azurelocal_26100_snipped_msdocs.txt", None, None),
])
def test_guests_are_recognised_as_guests(load_data, capture, guest, hypervisor):
    identity = host_identity(parse_systeminfo(load_data(capture)))
    assert identity["virtualization"]["guest"] is guest and identity["virtualization"]["hypervisor"] == hypervisor


def test_snipped_azure_local_systeminfo_knows_the_hypervisor(load_data):
    identity = host_identity(parse_systeminfo(load_data("captures/systeminfo_azurelocal_26100_snipped_msdocs.txt")))
    assert identity["hypervisor_present"] is True and identity["platform"] == "azure_local"
    assert identity["lineage"]["release"] == "Azure Stack HCI OS, version 24H2 (Azure Local 12.x)"


def test_localized_ver_line_is_kept_as_printed(load_data):
    ver = parse_ver(load_data("captures/ver_win10_1909_zh-cn_localized_mirage10.txt"))
    identity = host_identity(ver)
    assert identity["ver_string"] == "Microsoft Windows [版本 10.0.18363.418]"
    assert identity["version"] == "10.0.18363.418"
    english = host_identity({"source": "ver", "major": 10, "minor": 0, "build": 18363, "ubr": 418})
    assert english["ver_string"] == "Microsoft Windows [Version 10.0.18363.418]" and english["version"] == identity["version"]


def test_computerinfo_values_that_are_not_numbers():
    doc = {"source": "computerinfo", "os_name": "Microsoft Windows Server 2025 Datacenter", "os_version": "10.0.26100",
           "os_operating_system_sku": "DatacenterServerEdition", "os_product_type": "Server", "windows_ubr": "x"}
    with pytest.raises(ValueError, match="windows_ubr is 'x', expected an integer"):
        host_identity(doc)
    del doc["windows_ubr"]
    identity = host_identity(doc)
    assert identity["platform"] == "windows_server" and identity["platform_basis"] == "product_type 3 (server)"
