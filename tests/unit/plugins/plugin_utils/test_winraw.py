"""Readers of raw Windows data shapes (plugin_utils/_winraw.py).

Shapes come from how Windows PowerShell 5.1 ConvertTo-Json writes .NET values: DateTime as "\\/Date(ms)\\/",
TimeSpan as an object with Ticks/TotalSeconds, enums as numbers; PowerShell 7 writes DateTime as ISO 8601 with
an offset; the collectors' runner writes enum names, seconds and UTC ISO 8601.
"""

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _winraw as w

STATES = {2: "Running", 3: "Off"}


@pytest.mark.parametrize("value, expected", [
    (None, []),
    ({"Name": "a"}, [{"Name": "a"}]),
    ([{"Name": "a"}, {"Name": "b"}], [{"Name": "a"}, {"Name": "b"}]),
    ('[{"Name": "a"}]', [{"Name": "a"}]),
    ('{"Name": "a"}', [{"Name": "a"}]),
    ("  ", []),
    ((), []),
])
def test_as_list(value, expected):
    assert w.as_list(value, "VMs") == expected


@pytest.mark.parametrize("value, message", [
    ([{"Name": "a"}, "b"], "VMs on h1: item 1 is str"),
    (42, "VMs on h1 is int"),
    ("not json", "VMs on h1 is a string but not JSON"),
])
def test_as_list_errors_name_field_and_host(value, message):
    with pytest.raises((TypeError, ValueError), match=message):
        w.as_list(value, "VMs", host="h1")


@pytest.mark.parametrize("value, expected", [
    (2, "Running"),
    ("2", "Running"),
    (3.0, "Off"),
    ("running", "Running"),
    ("Running", "Running"),
    ("Hibernated", "Hibernated"),  # a name the table does not know is kept as given
    (32999, "Unknown(32999)"),  # an unknown number stays visible
    ({"value": 2, "String": "Running"}, "Running"),
    ({"Value": 3}, "Off"),
    (None, None),
])
def test_enum_name(value, expected):
    assert w.enum_name(value, STATES, "state") == expected


@pytest.mark.parametrize("value", [True, {"Type": "x"}, [2]])
def test_enum_name_rejects(value):
    with pytest.raises(ValueError, match="state on h1"):
        w.enum_name(value, STATES, "state", host="h1")


@pytest.mark.parametrize("value, expected", [
    (864000.125, 864000.125),
    (7, 7.0),
    ({"Ticks": 36000000000, "TotalSeconds": 3600.0}, 3600.0),
    ({"Ticks": 36000000000}, 3600.0),
    ("01:00:00", 3600.0),
    ("10.00:00:00.5000000", 864000.5),
    ("12.5", 12.5),
    (None, None),
])
def test_seconds(value, expected):
    result = w.seconds(value, "uptime")
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@pytest.mark.parametrize("value", [True, "soon", {"Days": 1}, [1]])
def test_seconds_rejects(value):
    with pytest.raises(ValueError, match="uptime"):
        w.seconds(value, "uptime")


@pytest.mark.parametrize("value, expected", [
    ("/Date(1751447400000)/", "2025-07-02T09:10:00Z"),  # Windows PowerShell 5.1
    ("\\/Date(1751447400000)\\/", "2025-07-02T09:10:00Z"),  # the same, escaped as it appears in JSON text
    ("/Date(1751447400000+0200)/", "2025-07-02T09:10:00Z"),  # offset suffix: the number is already UTC
    ("2025-07-02T09:10:00.1234567Z", "2025-07-02T09:10:00Z"),  # the collectors (7 fractional digits)
    ("2025-07-02T11:10:00+02:00", "2025-07-02T09:10:00Z"),  # PowerShell 7
    ("2025-07-02T09:10:00", "2025-07-02T09:10:00Z"),  # no offset: taken as UTC
    ({"value": "/Date(1751447400000)/", "DateTime": "Wednesday, July 2, 2025 9:10:00 AM"}, "2025-07-02T09:10:00Z"),
    (None, None),
])
def test_iso_time(value, expected):
    assert w.iso_time(value, "creation time") == expected


@pytest.mark.parametrize("value", ["yesterday", 1751447400, {"DateTime": "Wednesday"}])
def test_iso_time_rejects(value):
    with pytest.raises(ValueError, match="creation time"):
        w.iso_time(value, "creation time")


@pytest.mark.parametrize("value, expected", [(None, None), (5, 5), (5.0, 5), (" 25398 ", 25398), ("-1", -1)])
def test_to_int(value, expected):
    assert w.to_int(value, "build") == expected


@pytest.mark.parametrize("value", [True, 5.5, "25398.1", [1]])
def test_to_int_rejects(value):
    with pytest.raises(ValueError, match="build"):
        w.to_int(value, "build")


@pytest.mark.parametrize("value, expected", [(None, None), (True, True), (0, False), (1, True), ("True", True), ("0", False)])
def test_to_bool(value, expected):
    assert w.to_bool(value, "S2DEnabled") is expected


@pytest.mark.parametrize("value", [2, "yes", 1.0])
def test_to_bool_rejects(value):
    with pytest.raises(ValueError, match="S2DEnabled"):
        w.to_bool(value, "S2DEnabled")


@pytest.mark.parametrize("value, expected", [
    (None, None), ("NODE01", "NODE01"), ({"Name": "NODE01", "State": 0}, "NODE01"), ({"name": "n"}, "n"), ({"Id": "1"}, None),
])
def test_name_of(value, expected):
    assert w.name_of(value) == expected


def test_unwrap_registered_results():
    assert w.unwrap({"changed": False, "vms": [{"name": "a"}]}, ("vms", "output")) == [{"name": "a"}]
    # win_powershell: an array written as one object arrives as a list inside the output list
    assert w.unwrap({"output": [[{"Name": "a"}, {"Name": "b"}]]}, ("output",)) == [{"Name": "a"}, {"Name": "b"}]
    assert w.unwrap({"output": [{"Name": "a"}]}, ("output",)) == [{"Name": "a"}]
    # two pipeline objects that are arrays: the output is both, not the first one
    assert w.unwrap({"output": [[{"Name": "a"}], [{"Name": "b"}]]}, ("output",)) == [[{"Name": "a"}], [{"Name": "b"}]]
    # a key holding something that is not data is not unwrapped
    assert w.unwrap({"vms": 3}, ("vms",)) == {"vms": 3}
    assert w.unwrap([1], ("vms",)) == [1]


def test_pick_takes_first_present_key():
    assert w.pick({"b": 2, "a": 1}, ("a", "b")) == 1
    assert w.pick({"b": None}, ("a", "b"), default=7) is None
    assert w.pick({}, ("a",), default=7) == 7
    assert w.to_str(None) is None and w.to_str(3) == "3"
    assert w.where("h") == " on h" and w.where(None) == ""


# --- one conversion, one version reader, one access-denied rule ---------------------------------------------------

@pytest.mark.parametrize("value, expected", [("", None), ("  ", None), (" 26100 ", 26100), (26100.0, 26100), (None, None)])
def test_to_int_empty_text_is_no_value(value, expected):
    assert w.to_int(value, "build") == expected


@pytest.mark.parametrize("value, expected", [("", None), ("True", True), ("false", False), (0, False), (None, None)])
def test_to_bool_reads_format_list_text(value, expected):
    assert w.to_bool(value, "HyperVisorPresent") is expected


@pytest.mark.parametrize("text, expected", [
    ("10.0.26100", (10, 0, 26100, None)),
    ("Microsoft Windows [Version 10.0.26100.4349]", (10, 0, 26100, 4349)),
    ("10.0.26100 N/A Build 26100", (10, 0, 26100, None)),
    ("6.1.7601 Service Pack 1 Build 7601", (6, 1, 7601, None)),
    ("NODE1: 10.0.25398.1085", (10, 0, 25398, 1085)),
    ("no version", None),
    (None, None),
])
def test_parse_windows_version(text, expected):
    assert w.parse_windows_version(text) == expected


@pytest.mark.parametrize("message, type_name, codes, denied", [
    ("Zugriff verweigert", "Win32Exception", (-2147024891,), True),  # the code, whatever the language
    ("x", "Win32Exception", (None, 5), True),
    ("Attempted to perform an unauthorized operation.", "UnauthorizedAccessException", (), True),
    ("You do not have the required permission to complete this task.", "VirtualizationException", (), True),
    ("Access is denied.", None, (), True),
    ("The RPC server is unavailable.", "COMException", (-2147023174,), False),
    (None, None, (True,), False),  # a boolean is not an error code
])
def test_is_access_denied(message, type_name, codes, denied):
    assert w.is_access_denied(message, type_name, codes) is denied


@pytest.mark.parametrize("entry, denied", [
    # as the probe runner records them: the original exception, whatever the display language
    ({"probe": "vms", "type": "CimException", "message": "Zugriff verweigert", "hresult": -2146233088,
      "native_error_code": "AccessDenied"}, True),
    ({"probe": "nodes", "type": "Win32Exception", "message": "Zugriff verweigert", "hresult": -2147467259,
      "native_error_code": "5"}, True),
    ({"probe": "vmhost", "type": "VirtualizationException", "message": "Acceso denegado", "hresult": -2147024891,
      "native_error_code": None}, True),
    ({"probe": "vms", "type": "CimException", "message": "Not found", "hresult": -2146233088,
      "native_error_code": "NotFound"}, False),
    ({"probe": "vms", "type": "TimeoutException", "message": "probe 'vms' did not finish within 30 seconds",
      "hresult": None, "native_error_code": None}, False),
    ({"probe": "vms", "type": "Win32Exception", "message": "The RPC server is unavailable", "hresult": -2147467259,
      "native_error_code": "1722"}, False),
])
def test_is_probe_access_denied(entry, denied):
    assert w.is_probe_access_denied(entry) is denied
