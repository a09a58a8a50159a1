"""Unit tests for plugins/plugin_utils/_parsers.py (parse_ver, parse_systeminfo).

Public captures come from tests/unit/data/captures (SOURCES.md there). Texts built in this file are marked
"constructed": real label sets and layouts, sample values.
"""
import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import (
    SYSTEMINFO_LABELS,
    parse_computerinfo,
    parse_format_list,
    parse_format_table,
    parse_systeminfo,
    parse_ver,
    property_key,
    systeminfo_key,
)

WS2022 = "captures/systeminfo_ws2022_datacenter_ec2_fo-list_wazuh30326_partial.txt"
WS2025 = "captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt"
VER = "captures/ver_azurelocal_23h2_25398_msdocs.txt"


# --- parse_ver -----------------------------------------------------------------------------------------------

def test_parse_ver_capture(load_data):
    assert parse_ver(load_data(VER)) == {
        "source": "ver", "ver_string": "Microsoft Windows [Version 10.0.25398.1189]", "version": "10.0.25398.1189",
        "major": 10, "minor": 0, "build": 25398, "ubr": 1189,
    }


@pytest.mark.parametrize("text, version, ubr", [
    ("Microsoft Windows [Version 10.0.26100.4349]", "10.0.26100.4349", 4349),
    ("\r\nMicrosoft Windows [Version 10.0.26100.4349]\r\n", "10.0.26100.4349", 4349),
    ("Microsoft Windows [Version 6.1.7601]", "6.1.7601", None),  # Windows 7 / 2008 R2: no UBR
    ("Microsoft Windows [Versión 10.0.19045.3803]", "10.0.19045.3803", 3803),  # localized word
    ("Microsoft Windows [版本 10.0.22631.4890]", "10.0.22631.4890", 4890),
    ("Microsoft Windows [version 10.0.20348.3807]\nMicrosoft Windows [version 10.0.20348.3807]", "10.0.20348.3807",
     3807),
    ("[node1]: PS C:\\> cmd /c ver\n\nMicrosoft Windows [Version 10.0.26100.32230]\n[node1]: PS C:\\>",
     "10.0.26100.32230", 32230),
])
def test_parse_ver(text, version, ubr):
    result = parse_ver(text)
    assert result["version"] == version and result["ubr"] == ubr
    assert result["ver_string"].startswith("Microsoft Windows [")


@pytest.mark.parametrize("text, error, match", [
    ("", ValueError, "no 'Microsoft Windows \\[Version"),
    ("Windows 10.0.26100.4349", ValueError, "no 'Microsoft Windows"),
    ("Microsoft Windows [Version 10.0.26100.4349]\nMicrosoft Windows [Version 10.0.26100.4061]", ValueError,
     r"2 different versions \(10.0.26100.4349, 10.0.26100.4061\)"),
    (b"Microsoft Windows [Version 10.0.26100.4349]", TypeError, "got bytes"),
    (None, TypeError, "expects the text printed by the command, got NoneType"),
    (["Microsoft Windows [Version 10.0.26100.4349]"], TypeError, "got list"),
])
def test_parse_ver_errors(text, error, match):
    with pytest.raises(error, match=match):
        parse_ver(text)


# --- parse_systeminfo: public captures -----------------------------------------------------------------------

def test_ws2022_capture_27_character_labels(load_data):
    info = parse_systeminfo(load_data(WS2022))
    assert info["source"] == "systeminfo" and info["format"] == "list"
    assert info["host_name"] == "EC2AMAZ-VK4UVI9"
    assert info["os_name"] == "Microsoft Windows Server 2022 Datacenter"
    assert info["os_version"] == "10.0.20348 N/A Build 20348"
    assert info["build"] == 20348
    assert info["processors"] == ["AMD64 Family 23 Model 1 Stepping 2 AuthenticAMD ~2200 Mhz"]
    assert info["bios_version"] == "Amazon EC2 1.0, 10/16/2017"
    assert info["original_install_date"] == "6/10/2025, 3:24:48 PM"
    assert info["available_physical_memory"] == "1,743 MB"  # the longest label: one space of padding
    assert info["virtual_memory_max_size"] == "5,456 MB"  # a label with a colon inside


def test_ws2025_capture_31_character_labels(load_data):
    info = parse_systeminfo(load_data(WS2025))
    assert info["build"] == 26100
    assert info["os_name"] == "Microsoft Windows Server 2025 Datacenter"
    assert info["system_model"] == "c5ad.xlarge"
    assert info["system_directory"] == "C:\\Windows\\system32"
    assert info["total_physical_memory"] == "8,070 MB"
    assert "ps_c" not in "".join(info)  # the prompt line is not a field


def test_label_width_does_not_matter(load_data):
    """The 27-column capture re-padded to 31 columns (and to a single space) parses to the same dict."""
    text = load_data(WS2022)
    expected = parse_systeminfo(text)
    for width in (31, 0):
        lines = []
        for line in text.splitlines():
            label, sep, value = line.partition(": ") if not line.startswith(" ") else ("", "", line)
            if sep and label in SYSTEMINFO_LABELS or label == "Virtual Memory: Max Size".split(": ", maxsplit=1)[0]:
                label, value = (line[:line.index(":", len(label) + 1) + 1], line[line.index(":", len(label) + 1) + 1:]) \
                    if label == "Virtual Memory" else (label + ":", value)
                lines.append(label.ljust(width) + " " + value.strip() if width else label + " " + value.strip())
            elif line.startswith(" "):
                lines.append(" " * (width + 1 if width else 27) + line.strip())
            else:
                lines.append(line)
        assert parse_systeminfo("\n".join(lines)) == expected, width


# --- a full 26100-era output (constructed, layout of a public Windows 11 24H2-era capture) ----------------------

FULL_26100 = """\
C:\\Users\\admin>systeminfo

Host Name:                     WS25-HV01
OS Name:                       Microsoft Windows Server 2025 Datacenter
OS Version:                    10.0.26100 N/A Build 26100
OS Manufacturer:               Microsoft Corporation
OS Configuration:              Member Server
OS Build Type:                 Multiprocessor Free
Registered Owner:              N/A
Registered Organization:       N/A
Product ID:                    00491-50000-00001-AA000
Original Install Date:         2/3/2025, 11:20:31 AM
System Boot Time:              6/14/2025, 3:12:09 AM
System Manufacturer:           Dell Inc.
System Model:                  PowerEdge R760
System Type:                   x64-based PC
Processor(s):                  2 Processor(s) Installed.
                               [01]: Intel64 Family 6 Model 143 Stepping 8 GenuineIntel ~2100 Mhz
                               [02]: Intel64 Family 6 Model 143 Stepping 8 GenuineIntel ~2100 Mhz
BIOS Version:                  Dell Inc. 2.3.5, 4/22/2025
Windows Directory:             C:\\Windows
System Directory:              C:\\Windows\\system32
Boot Device:                   \\Device\\HarddiskVolume1
System Locale:                 en-us;English (United States)
Input Locale:                  en-us;English (United States)
Time Zone:                     (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna
Total Physical Memory:         1,048,064 MB
Available Physical Memory:     1,010,221 MB
Virtual Memory: Max Size:      1,052,160 MB
Virtual Memory: Available:     1,013,402 MB
Virtual Memory: In Use:        38,758 MB
Page File Location(s):         C:\\pagefile.sys
Domain:                        contoso.local
Logon Server:                  \\\\DC01
Hotfix(s):                     3 Hotfix(s) Installed.
                               [01]: KB5054979
                               [02]: KB5059502
                               [03]: KB5060842
Network Card(s):               1 NIC(s) Installed.
                               [01]: Intel(R) Ethernet Network Adapter E810-XXV-2
                                     Connection Name: Management
                                     DHCP Enabled:    No
                                     IP address(es)
                                     [01]: 10.0.0.21
                                     [02]: fe80::4d1c:2e0a:91b3:5f10
Virtualization-based security: Status: Running
                               Required Security Properties:
                               Available Security Properties:
                                     Base Virtualization Support
                                     Secure Boot
                               Services Configured:
                               Services Running:
                               App Control for Business policy: Enforced
                               App Control for Business user mode policy: Off
                               Security Features Enabled:
Hyper-V Requirements:          A hypervisor has been detected. Features required for Hyper-V will not be displayed.

C:\\Users\\admin>
"""


def test_full_26100_output():
    info = parse_systeminfo(FULL_26100)
    assert info["build"] == 26100
    assert info["processors"] == ["Intel64 Family 6 Model 143 Stepping 8 GenuineIntel ~2100 Mhz"] * 2
    assert info["hotfixes"] == ["KB5054979", "KB5059502", "KB5060842"]
    assert info["network_cards"] == ["Intel(R) Ethernet Network Adapter E810-XXV-2", "Connection Name: Management",
                                     "DHCP Enabled:    No", "IP address(es)", "10.0.0.21",
                                     "fe80::4d1c:2e0a:91b3:5f10"]
    assert info["virtualization_based_security"][0] == "Status: Running"
    assert info["virtualization_based_security"][-1] == "Security Features Enabled:"
    assert info["hyper_v_requirements"] == [
        "A hypervisor has been detected. Features required for Hyper-V will not be displayed."]
    assert info["page_file_locations"] == ["C:\\pagefile.sys"]
    assert info["virtual_memory_in_use"] == "38,758 MB"
    assert info["logon_server"] == "\\\\DC01"
    assert info["registered_owner"] == "N/A"
    assert info["time_zone"] == "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"
    assert info["partial"] is False and info["skipped"] == []
    assert len(info) == 5 + 34  # source, format, build, partial, skipped + every label once


def _as_csv(info_text):
    """The same data as systeminfo /fo csv prints it: header of labels, one row, list items joined by commas."""
    info = parse_systeminfo(info_text)
    labels = [label for label in SYSTEMINFO_LABELS if systeminfo_key(label) in info]
    row = []
    for label in labels:
        value = info[systeminfo_key(label)]
        if isinstance(value, list):
            counted = {"Processor(s)": "%d Processor(s) Installed.", "Hotfix(s)": "%d Hotfix(s) Installed."}
            prefix = [counted[label] % len(value)] if label in counted else []
            value = ",".join(prefix + ["[%02d]: %s" % (i + 1, v) if label in counted else v
                                       for i, v in enumerate(value)])
        row.append(value)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(labels)
    writer.writerow(row)
    return out.getvalue()


def test_csv_form_equals_list_form():
    expected = parse_systeminfo(FULL_26100)
    text = _as_csv(FULL_26100)
    info = parse_systeminfo("PS C:\\> systeminfo /fo csv\n" + text + "PS C:\\>\n")
    assert info.pop("format") == "csv" and expected.pop("format") == "list"
    assert info == expected


def test_csv_row_wrapped_by_the_console():
    header, row = _as_csv(FULL_26100).splitlines()
    wrapped = "\n".join(row[i:i + 120] for i in range(0, len(row), 120))
    info = parse_systeminfo(header + "\n" + wrapped + "\n\nsome other output\n")
    assert info["format"] == "csv" and info["hotfixes"] == ["KB5054979", "KB5059502", "KB5060842"]
    assert info["os_version"] == "10.0.26100 N/A Build 26100"


@pytest.mark.parametrize("text, match", [
    ('"Host Name","OS Name"\n"A","B","C"\n', "a CSV row has 3 columns but the header has 2"),
    ('"Host Name","OS Name","OS Version"\n"A","B"\n', "the last CSV row has fewer columns than its header"),
    ('"Host Name","OS Name","OS Version"\n"A","B"\nPS C:\\>\n', "a CSV row ends before its 3 columns"),
    ('"Host Name","OS Name"\n"A","B"\n"C","D"\n', r"the output of 2 hosts \(A, C\)"),
    ('"WS25-HV01","Microsoft Windows Server 2025 Datacenter","10.0.26100 N/A Build 26100"\n',
     "no systeminfo output in the text"),
    ('"Host Name","OS Name","Hotfix(s)"\n"A","B","' + "KB5060842," * 20000 + '"\n',
     r"a CSV row cannot be read: field larger than field limit"),
    ('"Host Name","OS Name"\n"A","B, still inside the quotes\n', "the last CSV row has fewer columns than its header"),
])
def test_csv_errors(text, match):
    with pytest.raises(ValueError, match=match):
        parse_systeminfo(text)


# --- wrapping, indentation, noise ----------------------------------------------------------------------------

def _wrap(text, width):
    """Hard-wrap every line at width, as a console does when its output is copied."""
    lines = []
    for line in text.splitlines():
        while len(line) > width:
            lines.append(line[:width])
            line = line[width:]
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("width", [80, 100])
def test_console_wrapped_lines_are_joined(width):
    info = parse_systeminfo(_wrap(FULL_26100, width))
    assert info == parse_systeminfo(FULL_26100)


def test_word_wrapped_line_is_joined_with_a_space():
    text = ("Host Name:                 HV1\n"
            "OS Name:                   Microsoft Windows Server 2022 Datacenter\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "Hyper-V Requirements:      A hypervisor has been detected. Features required for Hyper-V will\n"
            "not be displayed.\n"
            "Domain:                    contoso.local\n")
    info = parse_systeminfo(text)
    assert info["hyper_v_requirements"] == [
        "A hypervisor has been detected. Features required for Hyper-V will not be displayed."]
    assert info["domain"] == "contoso.local"


def test_wrapped_continuation_of_an_item_line():
    text = ("Host Name:                 HV1\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "Network Card(s):           1 NIC(s) Installed.\n"
            "                           [01]: Mellanox ConnectX-6 Dx Adapter #2 with a long long long long descri\n"
            "ption\n")
    assert len(text.splitlines()[3]) == 100  # cut by a 100-column console
    assert parse_systeminfo(text)["network_cards"] == [
        "Mellanox ConnectX-6 Dx Adapter #2 with a long long long long description"]


def test_known_label_slightly_out_of_line_still_starts_a_field():
    text = ("Host Name:                 HV1\n"
            " OS Version:               10.0.20348 N/A Build 20348\n"
            "  Custom:                  not a label at this indentation\n")
    info = parse_systeminfo(text)
    assert info["os_version"].startswith("10.0.20348 N/A Build 20348 Custom:")  # a wrap, not a field
    assert "custom" not in info
    assert info["build"] == 20348


def test_markdown_fence_after_the_output_is_not_a_value():
    info = parse_systeminfo("```\n" + FULL_26100.split("\n\nC:", maxsplit=1)[0].split("systeminfo\n\n")[1] + "\n```\n")
    assert info["hyper_v_requirements"] == [
        "A hypervisor has been detected. Features required for Hyper-V will not be displayed."]


def test_indented_block_tabs_crlf_and_bom():
    body = FULL_26100.split("systeminfo\n\n")[1].split("\n\nC:")[0]
    indented = "\r\n".join("\t" + line if line else line for line in body.splitlines())
    assert parse_systeminfo("\ufeff" + indented) == parse_systeminfo(FULL_26100)


def test_noise_after_a_blank_line_ends_the_output():
    text = ("Host Name:                 HV1\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "\n"
            "The command completed successfully.\n"
            "   indented noise\n")
    assert parse_systeminfo(text) == {"source": "systeminfo", "format": "list", "host_name": "HV1",
                                      "os_version": "10.0.20348 N/A Build 20348", "build": 20348, "partial": False,
                                      "skipped": []}


def test_hyper_v_requirements_without_a_hypervisor():
    text = ("Host Name:                 HV1\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "Hyper-V Requirements:      VM Monitor Mode Extensions: Yes\n"
            "                           Virtualization Enabled In Firmware: Yes\n"
            "                           Second Level Address Translation: Yes\n"
            "                           Data Execution Prevention Available: Yes\n")
    assert parse_systeminfo(text)["hyper_v_requirements"] == [
        "VM Monitor Mode Extensions: Yes", "Virtualization Enabled In Firmware: Yes",
        "Second Level Address Translation: Yes", "Data Execution Prevention Available: Yes"]


def test_unknown_labels_and_collisions():
    text = ("Host Name:                 HV1\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "Build:                     custom\n"
            "Source:                    custom\n"
            "Custom Notes:\n"
            "                           line one\n"
            "                           line two\n"
            "Empty Value:\n")
    info = parse_systeminfo(text)
    assert info["label_build"] == "custom" and info["label_source"] == "custom"
    assert info["build"] == 20348 and info["source"] == "systeminfo"
    assert info["custom_notes"] == ["line one", "line two"]
    assert info["empty_value"] == ""


def test_os_version_missing_or_malformed():
    assert parse_systeminfo("Host Name:    HV1\nOS Name:      Microsoft Windows Server 2022\n")["build"] is None
    with pytest.raises(ValueError, match="OS Version 'unknown' holds no build number"):
        parse_systeminfo("Host Name:    HV1\nOS Version:   unknown\n")


def test_os_version_without_build_word():
    assert parse_systeminfo("Host Name:    HV1\nOS Version:   10.0.19045\n")["build"] == 19045


@pytest.mark.parametrize("text, error, match", [
    ("", ValueError, "no systeminfo output in the text"),
    ("Hostname:   HV1\nBetriebssystemname:   Microsoft Windows Server 2022\n", ValueError,
     "localized labels are not read\\) \\(it has labels such as 'Hostname'\\)"),
    (FULL_26100 + FULL_26100.replace("WS25-HV01", "WS25-HV02"), ValueError,
     r"the output of 2 hosts \(WS25-HV01, WS25-HV02\)"),
    (42, TypeError, "got int"),
])
def test_parse_systeminfo_errors(text, error, match):
    with pytest.raises(error, match=match):
        parse_systeminfo(text)


@pytest.mark.parametrize("label, key", [
    ("Host Name", "host_name"), ("OS Name", "os_name"), ("Processor(s)", "processors"), ("Hotfix(s)", "hotfixes"),
    ("Network Card(s)", "network_cards"), ("Page File Location(s)", "page_file_locations"),
    ("Virtual Memory: Max Size", "virtual_memory_max_size"), ("Hyper-V Requirements", "hyper_v_requirements"),
    ("Virtualization-based security", "virtualization_based_security"), ("BIOS Version", "bios_version"),
    ("IP address(es)", "ip_addresses"), ("  Boot Device ", "boot_device"),
])
def test_systeminfo_key(label, key):
    assert systeminfo_key(label) == key


# --- property: any label width, indentation and surrounding noise ----------------------------------------------

VALUES = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126, blacklist_characters=":"),
                 min_size=1, max_size=20)


@settings(max_examples=150, deadline=None)
@given(width=st.integers(min_value=27, max_value=40), indent=st.integers(min_value=0, max_value=8),
       host=VALUES, owner=VALUES, build=st.integers(min_value=10240, max_value=99999),
       hotfixes=st.lists(st.from_regex(r"KB[0-9]{7}", fullmatch=True), min_size=1, max_size=5),
       prompt=st.sampled_from(["", "PS C:\\> systeminfo\n", "C:\\Users\\x>systeminfo\n\n", "[n1]: PS C:\\> systeminfo\n"]),
       trailer=st.sampled_from(["", "\n", "PS C:\\>\n", "\nC:\\Users\\x>"]))
def test_parse_systeminfo_property(width, indent, host, owner, build, hotfixes, prompt, trailer):
    pad = " " * indent

    def field(label, value):
        return pad + (label + ":").ljust(width) + value

    lines = [field("Host Name", host), field("OS Version", "10.0.%d N/A Build %d" % (build, build)),
             field("Registered Owner", owner), field("Hotfix(s)", "%d Hotfix(s) Installed." % len(hotfixes))]
    lines += [pad + " " * width + "[%02d]: %s" % (i + 1, kb) for i, kb in enumerate(hotfixes)]
    lines.append(field("Virtual Memory: Max Size", "1,024 MB"))
    info = parse_systeminfo(prompt + "\n".join(lines) + "\n" + trailer)
    assert info == {"source": "systeminfo", "format": "list", "host_name": host,
                    "os_version": "10.0.%d N/A Build %d" % (build, build), "registered_owner": owner,
                    "hotfixes": hotfixes, "virtual_memory_max_size": "1,024 MB", "build": build, "partial": False,
                    "skipped": []}


def test_label_must_be_followed_by_white_space():
    info = parse_systeminfo("Host Name:     HV1\nOS Name:X\nOS Version:    10.0.20348 N/A Build 20348\n")
    assert "os_name" not in info and info["host_name"] == "HV1 OS Name:X"  # a wrapped remainder, not a field


# --- real fragments, elisions, localized and guest outputs (captures, SOURCES.md) --------------------------------

def test_snipped_azure_local_output_keeps_the_labels_after_the_elision(load_data):
    """Microsoft's own listing: a ====SNIPPED==== line, an orphan continuation line, then Hyper-V Requirements."""
    info = parse_systeminfo(load_data("captures/systeminfo_azurelocal_26100_snipped_msdocs.txt"))
    assert info["host_name"] == "V-HOST1" and info["os_name"] == "Microsoft Azure Stack HCI" and info["build"] == 26100
    assert info["os_build_type"] == "Multiprocessor Free"  # the field before the elision is not extended
    assert info["hyper_v_requirements"] == [
        "A hypervisor has been detected. Features required for Hyper-V will not be displayed."]
    assert info["partial"] is True
    assert info["skipped"] == ["====SNIPPED========SNIPPED========SNIPPED========SNIPPED====", "Security Features Enabled:"]


@pytest.mark.parametrize("capture, os_name, build", [
    ("captures/systeminfo_ws2019_fragment_ellipsis_metasploit12112.txt", "Microsoft Windows Server 2019 Standard", 17763),
    ("captures/systeminfo_ws2008r2_os-name-version_extract_wesng1.txt", "Microsoft Windows Server 2008 R2 Datacenter", 7601),
])
def test_fragments_without_host_name(load_data, capture, os_name, build):
    info = parse_systeminfo(load_data(capture))
    assert info["os_name"] == os_name and info["build"] == build
    assert "host_name" not in info and info["partial"] is True
    assert set(info) == {"source", "format", "os_name", "os_version", "build", "partial", "skipped"}


def test_findstr_idiom_with_a_prompt():
    """The output of systeminfo | findstr /B /C:"OS Name" /C:"OS Version", as it is pasted (constructed from the
    real extract of bitsadmin/wesng#1 and a cmd prompt)."""
    text = ('C:\\Users\\admin>systeminfo | findstr /B /C:"OS Name" /C:"OS Version"\n'
            "OS Name:                   Microsoft Windows Server 2022 Datacenter\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "\nC:\\Users\\admin>")
    info = parse_systeminfo(text)
    assert (info["os_name"], info["build"], info["partial"]) == ("Microsoft Windows Server 2022 Datacenter", 20348, True)


@pytest.mark.parametrize("marker", ["...", "…", "[...]", "<snip>", "...snipped...", "--- snip ---",
                                    "==================================SNIPPED=========================SNIPPED======"])
def test_every_elision_marker_keeps_the_output_going(marker):
    text = ("Host Name:                 HV1\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "%s\n"
            "                           [02]: KB5005039\n"
            "Hyper-V Requirements:      A hypervisor has been detected. Features required for Hyper-V will not be displayed.\n"
            % marker)
    info = parse_systeminfo(text)
    assert info["hyper_v_requirements"][0].startswith("A hypervisor has been detected")
    assert info["skipped"] == [marker, "[02]: KB5005039"] and info["partial"] is True
    assert info["os_version"] == "10.0.20348 N/A Build 20348"


def test_the_same_label_twice_is_two_hosts_not_a_silent_overwrite():
    text = ("OS Name:                   Microsoft Windows Server 2022 Datacenter\n"
            "OS Version:                10.0.20348 N/A Build 20348\n"
            "OS Name:                   Microsoft Windows Server 2025 Datacenter\n"
            "OS Version:                10.0.26100 N/A Build 26100\n")
    with pytest.raises(ValueError, match=r"the output of 2 hosts \(\?, \?\)"):
        parse_systeminfo(text)


def test_localized_systeminfo_is_refused_by_name(load_data):
    with pytest.raises(ValueError, match="localized labels are not read\\) \\(it has labels such as 'Nome host'\\)"):
        parse_systeminfo(load_data("captures/systeminfo_win10_1803_pro_italian_localized_wesng.txt"))


@pytest.mark.parametrize("capture, manufacturer, model, bios", [
    ("captures/systeminfo_ws2022_standard_hyperv_guest_wesng.txt", "Microsoft Corporation", "Virtual Machine",
     "Microsoft Corporation Hyper-V UEFI Release v4.0, 12/17/2019"),
    ("captures/systeminfo_win11_24h2_ltsc_hyperv_guest_wesng.txt", "Microsoft Corporation", "Virtual Machine",
     "Microsoft Corporation Hyper-V UEFI Release v4.1, 03-12-2020"),
    ("captures/systeminfo_ws2019_datacenter_vmware_guest_wesng.txt", "VMware, Inc.", "VMware7,1",
     "VMware, Inc. VMW71.00V.9694812.B64.1808210100, 8/21/2018"),
    ("captures/systeminfo_win10_vmware_guest_gopsutil65_partial.txt", "VMware, Inc.", "VMware Virtual Platform", None),
])
def test_guest_outputs(load_data, capture, manufacturer, model, bios):
    info = parse_systeminfo(load_data(capture))
    assert (info["system_manufacturer"], info["system_model"], info.get("bios_version")) == (manufacturer, model, bios)


def test_win11_24h2_guest_has_31_column_labels_and_vbs(load_data):
    info = parse_systeminfo(load_data("captures/systeminfo_win11_24h2_ltsc_hyperv_guest_wesng.txt"))
    assert info["build"] == 26100 and info["virtualization_based_security"][0] == "Status: Not enabled"
    assert info["network_cards"][0] == "Microsoft Hyper-V Network Adapter" and info["partial"] is False


def test_empty_value_at_the_end_of_a_label_line(load_data):
    info = parse_systeminfo(load_data("captures/systeminfo_win10_vmware_guest_gopsutil65_partial.txt"))
    assert info["registered_organization"] == "" and info["product_id"] == "00330-80000-00000-AA657"


def test_localized_ver_keeps_the_line_as_printed(load_data):
    info = parse_ver(load_data("captures/ver_win10_1909_zh-cn_localized_mirage10.txt"))
    assert info["ver_string"] == "Microsoft Windows [版本 10.0.18363.418]"
    assert (info["version"], info["build"], info["ubr"]) == ("10.0.18363.418", 18363, 418)


# --- Format-List: Get-ComputerInfo, Win32_OperatingSystem -----------------------------------------------------

def test_win32_operatingsystem_name_wrapped_onto_the_value_column(load_data):
    doc = parse_computerinfo(load_data("captures/get-ciminstance_win32_operatingsystem_fl_azurestackhci_validate-dcb45_partial.txt"))
    assert doc["source"] == "win32_operatingsystem" and doc["format"] == "list"
    assert doc["name"] == "Microsoft Azure Stack HCI|C:\\Windows|\\Device\\Harddisk9\\Partition3"
    assert doc["ps_show_computer_name"] == "True" and doc["free_virtual_memory"] == "26825952"
    assert doc["build"] is None and doc["partial"] is False  # the excerpt ends before Version and BuildNumber


def test_get_computerinfo_selection_builds_from_os_version(load_data):
    """Select-Object OsName, OsVersion ...: no OsBuildNumber, so the build comes from OsVersion 10.0.20348;
    the prompts and the table after the list are not part of it."""
    doc = parse_computerinfo(load_data("captures/get-computerinfo_select_ws2022_wazuh36370_partial.txt"))
    assert doc == {"source": "computerinfo", "format": "list", "os_name": "Microsoft Windows Server 2022 Datacenter",
                   "os_version": "10.0.20348", "os_architecture": "64-bit", "cs_processors": "{AMD EPYC 7R32}",
                   "cs_total_physical_memory": "8482484224", "build": 20348, "partial": False, "skipped": []}


def test_whole_get_computerinfo(load_data):
    doc = parse_computerinfo(load_data("captures/get-computerinfo_win11_22621_pro_osd.txt"))
    assert doc["source"] == "computerinfo" and doc["build"] == 22621
    assert doc["windows_product_name"] == "Windows 10 Pro" and doc["os_name"] == "Microsoft Windows 11 Pro"
    assert doc["windows_ubr"] == "2134" and doc["hyper_visor_present"] == "True" and doc["cs_hypervisor_present"] == "True"
    assert doc["windows_registered_organization"] == "HP Inc." and doc["bios_build_number"] == ""
    assert doc["os_hot_fixes"] == "{KB5028948, KB5012170, KB5029517, KB5029263…}"
    assert doc["device_guard_user_mode_code_integrity_policy_enforcement_status"] == ""
    assert len(doc) == 5 + 183  # own keys + every property line of the capture


@pytest.mark.parametrize("name, key", [
    ("OsName", "os_name"), ("WindowsUBR", "windows_ubr"), ("OSDisplayVersion", "os_display_version"),
    ("CSDVersion", "csd_version"), ("HyperVisorPresent", "hyper_visor_present"), ("BiosBIOSVersion", "bios_bios_version"),
    ("OperatingSystemSKU", "operating_system_sku"), ("PSShowComputerName", "ps_show_computer_name"), ("Name", "name"),
])
def test_property_key(name, key):
    assert property_key(name) == key


def test_format_list_cut_inside_a_word_by_the_console_is_joined_without_a_space():
    """Format-List wraps between words (the space is dropped); a console cuts a long word at its width."""
    first = "WindowsBuildLabEx                                       : 9600.19812.amd64fre.winblue_ltsb_escrow.2008"
    assert len(first) < 120
    wrapped = first + "x" * (120 - len(first))
    text = "%s\n%s14-1823\nOsName                                                  : Microsoft Windows Server 2012 R2\n" % (
        wrapped, " " * 58)
    doc = parse_computerinfo(text)
    assert doc["windows_build_lab_ex"] == "9600.19812.amd64fre.winblue_ltsb_escrow.2008" + "x" * (120 - len(first)) + "14-1823"


def test_format_list_elision_and_skipped_lines():
    text = ("OsName                : Microsoft Windows Server 2025 Datacenter\n"
            "...snipped...\n"
            "                        some continuation of a cut value\n"
            "OsBuildNumber         : 26100\n")
    doc = parse_computerinfo(text)
    assert doc["build"] == 26100 and doc["partial"] is True
    assert doc["skipped"] == ["...snipped...", "some continuation of a cut value"]


@pytest.mark.parametrize("text, match", [
    ("", "no Format-List output of Get-ComputerInfo or Win32_OperatingSystem"),
    ("Status : OK\nFoo    : bar\n", "no Format-List output"),
    ("OsName : A\nCaption : B\n", r"mixes Get-ComputerInfo properties \(os_name\) and Win32_OperatingSystem properties \(caption\)"),
    ("OsName : A\n\nOsName : B\n", "the text holds 2 objects"),
    ("OsName : A\nOsName : B\n", "property OsName appears twice in one object"),
    ("BuildNumber : 26100a\n", "build_number is '26100a', not a build number"),
    ("Version : unknown\n", "version 'unknown' holds no build number"),
])
def test_parse_computerinfo_errors(text, match):
    with pytest.raises(ValueError, match=match):
        parse_computerinfo(text)


def test_parse_format_list_rejects_bytes():
    with pytest.raises(TypeError, match="got bytes"):
        parse_format_list(b"OsName : A")


# --- Format-Table: Get-ClusterGroup as the console prints it ----------------------------------------------------

def test_cluster_group_table_keeps_names_with_spaces(load_data):
    rows = parse_format_table(load_data("captures/get-clustergroup_azurelocal_full_zeroed_ids_msdocs.txt"))
    assert len(rows) == 12
    assert rows[2] == {"Name": "Available Storage", "OwnerNode": "Node01", "State": "Offline"}
    assert rows[1]["Name"] == "000000000000000000000000000000000000000000000-control-plane-0-00000000"
    assert rows[-1] == {"Name": "SDDC Group", "OwnerNode": "Node01", "State": "Online"}


def test_filtered_table_and_empty_cells(load_data):
    assert parse_format_table(load_data("captures/get-clustergroup_update-filtered_azurelocal_tsg.txt")) == [
        {"Name": "Azure Stack HCI Update Service Cluster Group", "OwnerNode": "v-Host2", "State": "Online"}]
    text = "PS C:\\> Get-ClusterGroup\n\nName  OwnerNode State\n----  --------- -----\nidle            Offline\n\nPS C:\\>"
    assert parse_format_table(text) == [{"Name": "idle", "OwnerNode": None, "State": "Offline"}]


def test_no_table_is_an_error():
    with pytest.raises(ValueError, match="no table in the text"):
        parse_format_table("Name: x\n")
