"""Unit tests for plugins/plugin_utils/_profiles.py (comparison profiles as data)."""
import json
import os

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import NORMALIZERS, build_fields, compare_hosts
DATA = os.path.join(os.path.dirname(__file__), "..", "..", "data")

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._profiles import (  # noqa: E402
    FIELD_KEYS,
    PROFILES,
    get_profile,
    list_profiles,
    profile_names,
)


@pytest.fixture(scope="module")
def identity_keys():
    """Top-level keys of a real interpreted identity, plus the raw facts compare_hosts attaches under hyperv_host."""
    return set(_real_identity("azurelocal_2506_26100_4349.json")) | {"hyperv_host"}


def _real_identity(name):
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

    with open(os.path.join(DATA, "host_facts", name), encoding="utf-8") as handle:
        return host_identity(json.load(handle), host=name)


# Profiles that read the interpreted host identity; `guest` reads hyperv_guest (test_guest_profile.py).
HOST_PROFILES = sorted(name for name in PROFILES if name != "guest")


def test_profile_names():
    assert profile_names() == ["cluster", "guest", "hyperv", "kernel", "os"]


@pytest.mark.parametrize("name", HOST_PROFILES)
def test_every_profile_is_well_formed(name, identity_keys):
    profile = PROFILES[name]
    assert set(profile) == {"description", "fields", "expect_different"}
    assert profile["description"]
    for label, spec in profile["fields"].items():
        assert set(spec) <= FIELD_KEYS
        assert spec["description"], label
        assert spec["query"].split(".")[0] in identity_keys, label
        assert set(spec.get("normalize", [])) <= set(NORMALIZERS)
    assert set(profile["expect_different"]) <= set(profile["fields"])
    fields, names = build_fields(profile=name)
    assert [f.label for f in fields] == list(profile["fields"])
    assert names == [name]


def test_kernel_profile_is_the_mission_proof():
    kernel = PROFILES["kernel"]
    queries = {spec["query"] for spec in kernel["fields"].values()}
    assert {"build", "ubr", "kernel.image", "kernel.file_version", "kernel.hashes.sha256", "hypervisor.image",
            "hypervisor.file_version", "hypervisor.hashes.sha256"} <= queries
    assert kernel["expect_different"] == ["platform", "product_name", "edition_id"]
    assert kernel["fields"]["kernel_sha256"]["normalize"] == ["ignore_case"]


def test_get_profile_is_a_copy():
    profile = get_profile("kernel")
    profile["fields"].clear()
    assert PROFILES["kernel"]["fields"]


@pytest.mark.parametrize("name, error, message", [
    ("kernal", ValueError, "unknown profile 'kernal' (known profiles: cluster, guest, hyperv, kernel, os)"),
    (None, TypeError, "expected a profile name (str) or a profile dict"),
])
def test_get_profile_errors(name, error, message):
    with pytest.raises(error) as exc:
        get_profile(name)
    assert message in str(exc.value)


@pytest.mark.parametrize("patterns, expected", [
    (None, ["cluster", "guest", "hyperv", "kernel", "os"]),
    ("", ["cluster", "guest", "hyperv", "kernel", "os"]),
    ([], ["cluster", "guest", "hyperv", "kernel", "os"]),
    ("kernel", ["kernel"]),
    (["os", "k*"], ["os", "kernel"]),
    (["*", "os"], ["cluster", "guest", "hyperv", "kernel", "os"]),
])
def test_list_profiles(patterns, expected):
    assert list(list_profiles(patterns)) == expected


@pytest.mark.parametrize("patterns, error, message", [
    ("nope*", ValueError, "'nope*' matches no profile"),
    ([1], TypeError, "expected a profile name or a list of names"),
    ({"a": 1}, TypeError, "expected a profile name or a list of names"),
])
def test_list_profiles_errors(patterns, error, message):
    with pytest.raises(error) as exc:
        list_profiles(patterns)
    assert message in str(exc.value)


def test_listed_profile_can_be_extended_and_used(load_data):
    identities = load_data("compare/identities.json")
    mine = list_profiles("kernel")["kernel"]
    mine["fields"]["cpu"] = {"query": "cpu_vendor", "description": "CPU vendor"}
    mine["expect_different"].append("cpu")
    docs = {h: identities[h] for h in ("azl-01", "azl-amd-01")}
    result = compare_hosts(docs, profile=mine, ignore=["hypervisor_*"])
    assert result["identical"] is True
    assert "cpu" in result["expected_differences"]


@pytest.mark.parametrize("sample", ["azurelocal_2506_26100_4349.json", "ws2025_datacenter_26100_4349.json"])
@pytest.mark.parametrize("name", HOST_PROFILES)
def test_every_profile_field_has_a_value_on_a_gathered_host(sample, name):
    """Contract with host_identity: each profile query finds a value in the identity of a full host_facts sample."""
    identity = _real_identity(sample)
    result = compare_hosts({"host": identity}, profile=name)
    missing = [label for label, entry in result["fields"].items() if entry["missing"]]
    if sample.startswith("ws2025"):
        assert missing == (["solution_version"] if "solution_version" in result["fields"] else [])
    else:
        assert missing == []
