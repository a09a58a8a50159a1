"""host_facts.ps1 against the Python that reads it, its documentation and its samples.

No machine of this project runs PowerShell, so the collector is read as a syntax tree (tree-sitter): every raw
key the Python side looks up must be written by the .ps1, every key of the sample documents must be one the
.ps1 writes, and its literal tables (probes, default images, hash algorithms) must match the docs and the
Python decisions.
"""
import ast
import glob
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _identity

from ...contract import ROOT, collector_path, emitted_keys, record_reads

pytest.importorskip("tree_sitter")

# tools/ is put on sys.path by the contract helpers
import ps_argspec_check  # noqa: E402  pylint: disable=wrong-import-position

PS1 = collector_path("host_facts")
DOC_STUB = os.path.join(ROOT, "plugins", "modules", "host_facts.py")
SAMPLES = sorted(glob.glob(os.path.join(ROOT, "tests", "unit", "data", "host_facts", "*.json")))
PROBES = ["os_registry", "os_cim", "hardware", "solution", "hyperv", "vmhost", "files", "signatures"]
TRAILER = ["excluded_probes", "errors", "probe_durations", "duration", "collected_at"]
# Maps whose keys are data, not names the collector writes: algorithm -> hash, probe -> seconds.
DYNAMIC_KEY_MAPS = {"hashes", "probe_durations"}


def _source():
    with open(PS1, encoding="utf-8") as handle:
        return handle.read()


def _tree():
    src = _source().encode("utf-8")
    return ps_argspec_check.PARSER.parse(src), src


def _docs():
    with open(DOC_STUB, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    return dict((node.targets[0].id, yaml.safe_load(node.value.value)) for node in tree.body
                if isinstance(node, ast.Assign))


def _spec():
    tree, src = _tree()
    return ps_argspec_check.find_spec(tree, src)


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _keys(value, found=None):
    """Every dict key in a JSON document, except inside maps whose keys are data."""
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            if key not in DYNAMIC_KEY_MAPS:
                _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


# --- the contract --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sample", SAMPLES, ids=os.path.basename)
def test_every_key_host_identity_reads_is_emitted(sample):
    wrapped, seen = record_reads(_load(sample))
    _identity.host_identity(wrapped, host=os.path.basename(sample))
    assert seen, "the interpretation read nothing"
    missing = seen - emitted_keys(PS1)
    assert not missing, "host_identity reads keys host_facts.ps1 never writes: %s" % sorted(missing)


def test_collector_writes_collected_at():
    assert "collected_at" in emitted_keys(PS1)


def test_contract_covers_the_interpretation():
    """The samples together make host_identity read every raw key it knows (so the contract test is complete)."""
    seen = set()
    for sample in SAMPLES:
        wrapped, reads = record_reads(_load(sample))
        _identity.host_identity(wrapped)
        seen |= reads
    for key in ("ubr", "edition_id", "operating_system_sku", "product_type", "current_build_number", "caption",
                "hypervisor_present", "manufacturer", "architecture", "install_state", "current_version",
                "file_version_raw", "hashes", "signer_subject", "signer_issuer", "status", "is_default",
                "collected_at"):
        assert key in seen, key


def test_sample_keys_are_written_by_the_collector():
    emitted = emitted_keys(PS1)
    for sample in SAMPLES:
        unknown = _keys(_load(sample)) - emitted
        assert not unknown, "%s has keys host_facts.ps1 never writes: %s" % (os.path.basename(sample), sorted(unknown))


@pytest.mark.parametrize("sample", SAMPLES, ids=os.path.basename)
def test_sample_layout_is_the_collectors(sample):
    doc = _load(sample)
    assert list(doc) == PROBES + TRAILER
    assert list(doc["probe_durations"]) == PROBES
    assert doc["duration"] >= max(doc["probe_durations"].values())
    failed = {error["probe"] for error in doc["errors"]}
    assert failed <= set(PROBES)
    for probe in failed:
        assert doc[probe] is None, "a failed probe's data is null"
    for error in doc["errors"]:
        assert set(error) == {"probe", "type", "message", "hresult", "native_error_code"}
    paths = [entry["path"].lower() for entry in doc["files"]]
    assert paths[:4] == ["c:\\windows\\system32\\" + image for image in (_identity.KERNEL_IMAGE,) +
                         _identity.HYPERVISOR_IMAGES]
    for entry in doc["files"]:
        for algorithm, value in entry["hashes"].items():
            assert algorithm in ("sha1", "sha256", "sha384", "sha512")
            assert re.match(r"^[0-9A-F]+$", value), "upper-case hex, as Get-FileHash prints"
    signed = {entry["path"] for entry in doc["signatures"]}
    assert signed == {entry["path"] for entry in doc["files"] if entry["exists"]}


def test_probe_names():
    """$probes, the exclude_probes choices of $spec and of the docs, and the samples name the same probes."""
    src = _source()
    block = src[src.index("$probes = [ordered]@{"):src.index("foreach ($name in $module.Params.exclude_probes)")]
    # A probe is a script block here, or one shared with another collector (Get-HvAzLocal<Name>Probe).
    assert re.findall(r"(?m)^    ([a-z_]+) = (?:\{|Get-HvAzLocal\w+Probe$)", block) == PROBES
    assert _spec()["options"]["exclude_probes"]["choices"] == PROBES
    assert _docs()["DOCUMENTATION"]["options"]["exclude_probes"]["choices"] == PROBES


def test_default_images_are_the_ones_python_chooses_from():
    match = re.search(r"foreach \(\$image in ([^)]*)\)", _source())
    images = tuple(re.findall(r"'([^']+)'", match.group(1)))
    assert images == (_identity.KERNEL_IMAGE,) + _identity.HYPERVISOR_IMAGES


def test_hash_algorithms():
    src = _source()
    block = src[src.index("$providers = @{"):src.index("$buffer = ")]
    providers = dict(re.findall(r"(?m)^\s+(\w+) = '(System\.Security\.Cryptography\.\w+)'", block))
    choices = _spec()["options"]["hash_algorithms"]["choices"]
    assert sorted(providers) == sorted(choices) == sorted(_docs()["DOCUMENTATION"]["options"]["hash_algorithms"]["choices"])
    assert "md5" not in choices
    for name, provider in providers.items():
        assert provider == "System.Security.Cryptography.%sCryptoServiceProvider" % name.upper()


def _absolute_path_regex():
    match = re.search(r"-notmatch '([^']+)'", _source())
    return re.compile(match.group(1))


@pytest.mark.parametrize("path, absolute", [
    ("C:\\Windows\\System32\\hal.dll", True),
    ("c:/Windows/System32/hal.dll", True),
    ("\\\\fileserver\\share\\drivers\\x.sys", True),
    ("\\\\?\\C:\\Windows\\x.dll", True),
    ("hal.dll", False),
    (".\\hal.dll", False),
    ("\\Windows\\hal.dll", False),  # relative to the current drive
    ("C:hal.dll", False),  # relative to the current directory of drive C
    ("\\\\server", False),
])
def test_files_must_be_absolute(path, absolute):
    """The .NET pattern of the .ps1 behaves the same in Python's re for these inputs."""
    assert bool(_absolute_path_regex().match(path)) is absolute


# --- documentation -------------------------------------------------------------------------------------------

def test_argspec_matches_documentation():
    """ps_argspec_check with the doc fragments resolved (the .ps1 read through the collection path)."""
    installed = Path(ROOT, "collections", "ansible_collections", "hyperv", "azlocal", "plugins", "modules",
                     "host_facts.ps1")
    target = installed if installed.exists() else Path(PS1)
    problems, reason = ps_argspec_check.check_module(target)
    assert problems == []
    assert reason is None  # checked in full: the probe spec merged, the probe doc fragment resolved
    docs = _docs()["DOCUMENTATION"]
    spec = _spec()
    assert spec["supports_check_mode"] is True
    assert sorted(spec["options"]) == sorted(docs["options"])


def test_return_documents_every_top_level_key():
    hyperv_host = _docs()["RETURN"]["ansible_facts"]["contains"]["hyperv_host"]["contains"]
    assert list(hyperv_host) == PROBES + ["vm_inventory"] + TRAILER
    for key, entry in hyperv_host.items():
        assert {"description", "returned", "type"} <= set(entry), key
        assert "sample" in entry or "contains" in entry, key


@pytest.mark.parametrize("probe", ["os_registry", "os_cim", "hyperv", "vmhost"])
def test_return_samples_have_the_collectors_keys(probe):
    documented = _docs()["RETURN"]["ansible_facts"]["contains"]["hyperv_host"]["contains"][probe]["sample"]
    sample = _load(os.path.join(ROOT, "tests", "unit", "data", "host_facts", "ws2025_datacenter_26100_4349.json"))
    assert list(documented) == list(sample[probe])


@pytest.mark.parametrize("probe, sample_name", [
    ("files", "ws2025_datacenter_26100_4349.json"),
    ("signatures", "ws2025_datacenter_26100_4349.json"),
    ("solution", "azurelocal_2506_26100_4349.json"),
])
def test_return_samples_of_lists_have_the_collectors_keys(probe, sample_name):
    documented = _docs()["RETURN"]["ansible_facts"]["contains"]["hyperv_host"]["contains"][probe]["sample"]
    sample = _load(os.path.join(ROOT, "tests", "unit", "data", "host_facts", sample_name))[probe]
    if isinstance(documented, list):
        documented, sample = documented[0], sample[0]
    assert list(documented) == list(sample)


def test_examples_use_fqcn():
    examples = _docs()["EXAMPLES"]
    modules = {key for task in examples for key in task if "." in key and key not in ("ansible.builtin.debug",)}
    assert modules == {"hyperv.azlocal.host_facts"}


# --- the PowerShell itself -----------------------------------------------------------------------------------

def _commands():
    """(name, argument text) of every command invocation in the .ps1."""
    tree, src = _tree()
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "command" and node.named_children:
            name = node.named_children[0]
            found.append((src[name.start_byte:name.end_byte].decode(), src[node.start_byte:node.end_byte].decode()))
        stack.extend(node.named_children)
    return found


def test_syntax_is_clean():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "ps_syntax_check.py"), PS1],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert proc.returncode == 0, proc.stdout


def test_cim_queries_are_qualified_with_property_lists():
    cim = [(name, text) for name, text in _commands() if name.lower().endswith("get-ciminstance")]
    assert len(cim) == 6  # os_cim 1, hardware 2, hyperv 2, vmhost 1
    for name, text in cim:
        assert name == "CimCmdlets\\Get-CimInstance"
        assert " -Property " in text, text


def test_hyperv_cmdlets_are_module_qualified():
    names = [name for name, _text in _commands()]
    hyperv = [name for name in names if re.search(r"-VM", name)]
    assert sorted(hyperv) == ["Hyper-V\\Get-VMHost", "Hyper-V\\Get-VMHostSupportedVersion"]


def test_no_array_appends_and_no_host_output():
    src = _source()
    assert "+=" not in src
    assert not re.search(r"(?i)write-host|invoke-expression", src)


def test_module_header():
    src = _source()
    assert src.startswith("#!powershell\n")
    assert "#AnsibleRequires -CSharpUtil Ansible.Basic" in src
    assert "#AnsibleRequires -PowerShell ..module_utils._HvAzLocalProbe" in src
    assert "[Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-HvAzLocalProbeSpec))" in src
    assert "Invoke-HvAzLocalProbeSet @invokeParams" in src
    assert "$module.Result.ansible_facts = @{" in src
