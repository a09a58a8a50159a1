"""The host_identity, parse_ver, parse_systeminfo and parse_computerinfo filter plugins: thin shells over plugin_utils."""
import pytest

from ansible.errors import AnsibleError, AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.filter import host_identity as host_identity_plugin
from ansible_collections.hyperv.azlocal.plugins.filter import parse_computerinfo as parse_computerinfo_plugin
from ansible_collections.hyperv.azlocal.plugins.filter import parse_systeminfo as parse_systeminfo_plugin
from ansible_collections.hyperv.azlocal.plugins.filter import parse_ver as parse_ver_plugin
from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _identity, _parsers

AL_4349 = "host_facts/azurelocal_2506_26100_4349.json"
SYSTEMINFO = "captures/systeminfo_ws2025_datacenter_ec2_wazuh35808_partial.txt"
VER = "captures/ver_azurelocal_23h2_25398_msdocs.txt"


@pytest.mark.parametrize("plugin, name", [
    (host_identity_plugin, "host_identity"),
    (parse_ver_plugin, "parse_ver"),
    (parse_systeminfo_plugin, "parse_systeminfo"),
    (parse_computerinfo_plugin, "parse_computerinfo"),
])
def test_filter_module_exposes_one_filter(plugin, name):
    filters = plugin.FilterModule().filters()
    assert list(filters) == [name]
    assert filters[name] is getattr(plugin, name)


def test_filters_return_the_plugin_utils_result(load_data):
    facts = load_data(AL_4349)
    assert host_identity_plugin.host_identity(facts, host="n1") == _identity.host_identity(facts, host="n1")
    assert parse_ver_plugin.parse_ver(load_data(VER)) == _parsers.parse_ver(load_data(VER))
    assert parse_systeminfo_plugin.parse_systeminfo(load_data(SYSTEMINFO)) == \
        _parsers.parse_systeminfo(load_data(SYSTEMINFO))
    computerinfo = load_data("captures/get-computerinfo_win11_22621_pro_osd.txt")
    assert parse_computerinfo_plugin.parse_computerinfo(computerinfo) == _parsers.parse_computerinfo(computerinfo)


@pytest.mark.parametrize("call, match", [
    (lambda: host_identity_plugin.host_identity("text"), "host_identity: expected hyperv_host facts"),
    (lambda: host_identity_plugin.host_identity({"os_registry": []}, host="n2"),
     "host_identity: host 'n2': os_registry must be a dict, got list"),
    (lambda: parse_ver_plugin.parse_ver("nothing here"), "parse_ver: no 'Microsoft Windows"),
    (lambda: parse_computerinfo_plugin.parse_computerinfo("Name: x"), "parse_computerinfo: no Format-List output"),
    (lambda: parse_computerinfo_plugin.parse_computerinfo(7), "parse_computerinfo expects the text printed by the command"),
    (lambda: parse_ver_plugin.parse_ver(None), "parse_ver expects the text printed by the command"),
    (lambda: parse_systeminfo_plugin.parse_systeminfo("nothing here"), "parse_systeminfo: no systeminfo output"),
    (lambda: parse_systeminfo_plugin.parse_systeminfo(["x"]), "parse_systeminfo expects the text"),
])
def test_errors_become_filter_errors(call, match):
    with pytest.raises(AnsibleFilterError, match=match) as info:
        call()
    assert isinstance(info.value.orig_exc, (TypeError, ValueError))


@pytest.fixture
def templar():
    """A real Templar, so the filters are found by their FQCN through the collection loader."""
    from ansible import template  # trust_as_template: ansible-core 2.19 or later (requirements-dev.txt)
    from ansible.parsing.dataloader import DataLoader

    def _render(expression, **variables):
        return template.Templar(loader=DataLoader(), variables=variables).template(
            template.trust_as_template(expression))
    return _render


def test_filters_in_a_template(templar, load_data):
    identity = templar("{{ [info | hyperv.azlocal.parse_systeminfo, ver | hyperv.azlocal.parse_ver]"
                       " | hyperv.azlocal.host_identity(host='ec2') }}",
                       info=load_data(SYSTEMINFO), ver="Microsoft Windows [Version 10.0.26100.4349]")
    assert identity["platform"] == "windows_server"
    assert identity["ver_string"] == "Microsoft Windows [Version 10.0.26100.4349]"
    facts = load_data(AL_4349)
    assert templar("{{ facts | hyperv.azlocal.host_identity }}", facts=facts)["kernel"]["file_version"] == \
        "10.0.26100.4349"


def test_filter_error_in_a_template(templar):
    with pytest.raises(AnsibleError, match="parse_ver: no 'Microsoft Windows"):
        templar("{{ 'no version' | hyperv.azlocal.parse_ver }}")


@pytest.mark.parametrize("name", ["host_identity", "parse_ver", "parse_systeminfo", "parse_computerinfo", "classify_vms",
                                  "cluster_summary"])
def test_documented_options_are_the_function_parameters(name):
    import importlib
    import inspect

    import yaml

    module = importlib.import_module("ansible_collections.hyperv.azlocal.plugins.filter." + name)
    doc = yaml.safe_load(module.DOCUMENTATION)
    function = module.FilterModule().filters()[name]
    assert set(doc["options"]) - {"_input"} == set(list(inspect.signature(function).parameters)[1:])
    yaml.safe_load(module.EXAMPLES)
    assert "_value" in yaml.safe_load(module.RETURN)
