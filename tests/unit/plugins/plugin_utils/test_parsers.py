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
    parse_systeminfo,
    parse_ver,
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
    assert len(info) == 3 + 34  # source, format, build + every label once


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
                                      "os_version": "10.0.20348 N/A Build 20348", "build": 20348}


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
    ("Hostname:   HV1\nBetriebssystemname:   Microsoft Windows Server 2022\n", ValueError, "non-English labels"),
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
                    "hotfixes": hotfixes, "virtual_memory_max_size": "1,024 MB", "build": build}


def test_label_must_be_followed_by_white_space():
    info = parse_systeminfo("Host Name:     HV1\nOS Name:X\nOS Version:    10.0.20348 N/A Build 20348\n")
    assert "os_name" not in info and info["host_name"] == "HV1 OS Name:X"  # a wrapped remainder, not a field
