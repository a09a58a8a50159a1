"""Unit tests for plugins/plugin_utils/_lineage.py (release families, revisions, solution versions)."""
import re

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _lineage
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._lineage import (
    FAMILIES,
    REVISIONS,
    SOLUTION_MAJOR_BUILD,
    build_lineage,
    revision_info,
    solution_release,
)

PLATFORMS = {"azure_local", "windows_server", "windows_client"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- the tables are well formed and sourced ------------------------------------------------------------------

@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: str(f["build"]))
def test_family_entry_is_well_formed(family):
    assert set(family) == {"build", "releases", "sources"}
    assert isinstance(family["build"], int)
    assert family["releases"], "a family lists at least one release"
    platforms = [release["platform"] for release in family["releases"]]
    assert set(platforms) <= PLATFORMS and len(platforms) == len(set(platforms))
    assert all(isinstance(r["name"], str) and r["name"] for r in family["releases"])
    assert family["sources"] and all(isinstance(s, str) and len(s) > 10 for s in family["sources"])


def test_family_builds_are_unique():
    builds = [family["build"] for family in FAMILIES]
    assert len(builds) == len(set(builds))


@pytest.mark.parametrize("entry", REVISIONS, ids=lambda e: "%d.%d" % (e["build"], e["ubr"]))
def test_revision_entry_is_well_formed(entry):
    assert set(entry) == {"build", "ubr", "kb", "released", "note", "azure_local", "sources"}
    assert entry["build"] in {family["build"] for family in FAMILIES}
    assert isinstance(entry["ubr"], int) and entry["ubr"] > 0
    assert entry["kb"] is None or re.match(r"^KB\d{7}$", entry["kb"])
    assert entry["released"] is None or DATE_RE.match(entry["released"])
    assert entry["sources"] and all(isinstance(s, str) for s in entry["sources"])
    for item in entry["azure_local"]:
        assert set(item) == {"train", "solution_version", "available"}
        assert re.match(r"^\d{4}$", item["train"])
        assert item["available"] is None or DATE_RE.match(item["available"])
        if item["solution_version"] is not None:
            major, train = item["solution_version"].split(".")[:2]
            assert train == item["train"]
            assert SOLUTION_MAJOR_BUILD[int(major)] == entry["build"], "the major version runs on this build"


def test_revision_keys_are_unique():
    keys = [(entry["build"], entry["ubr"]) for entry in REVISIONS]
    assert len(keys) == len(set(keys))


# --- lineage of a build --------------------------------------------------------------------------------------

@pytest.mark.parametrize("build, platform, release", [
    (26100, "windows_server", "Windows Server 2025"),
    (26100, "azure_local", "Azure Stack HCI OS, version 24H2 (Azure Local 12.x)"),
    (26100, "windows_client", "Windows 11, version 24H2"),
    (25398, "windows_server", "Windows Server, version 23H2"),
    (25398, "azure_local", "Azure Stack HCI, version 23H2 (Azure Local 10.x and 11.x)"),
    (20348, "windows_server", "Windows Server 2022"),
    (20348, "azure_local", "Azure Stack HCI, version 21H2"),
    (20349, "azure_local", "Azure Stack HCI, version 22H2"),
    (17784, "azure_local", "Azure Stack HCI, version 20H2"),
    (17763, "windows_server", "Windows Server 2019"),
    (14393, "windows_server", "Windows Server 2016"),
])
def test_release_of_each_build(build, platform, release):
    lineage = build_lineage(build, platform)
    assert lineage["known"] is True and lineage["build"] == build
    assert lineage["release"] == release
    assert release not in lineage["siblings"]
    assert lineage["sources"]


def test_siblings_of_26100():
    lineage = build_lineage(26100, "azure_local")
    assert lineage["siblings"] == ["Windows Server 2025", "Windows 11, version 24H2"]
    assert [r["platform"] for r in lineage["releases"]] == ["windows_server", "azure_local", "windows_client"]


def test_family_label_is_the_same_for_every_sibling():
    labels = {build_lineage(26100, platform)["family"] for platform in PLATFORMS | {"unknown", None}}
    assert labels == {"26100: Windows Server 2025 | Azure Stack HCI OS, version 24H2 (Azure Local 12.x) | "
                      "Windows 11, version 24H2"}


def test_platform_without_a_release_on_that_build():
    lineage = build_lineage(20349, "windows_server")
    assert lineage["known"] is True and lineage["release"] is None
    assert lineage["siblings"] == ["Azure Stack HCI, version 22H2"]


@pytest.mark.parametrize("build", [22631, 99999, None, "26100", True])
def test_unknown_build_is_not_an_error(build):
    lineage = build_lineage(build, "windows_server")
    assert lineage == {"known": False, "build": build, "family": None, "release": None, "siblings": [],
                       "releases": [], "sources": []}


def test_results_are_copies():
    lineage = build_lineage(26100, "azure_local")
    lineage["releases"][0]["name"] = "changed"
    lineage["sources"].append("x")
    assert build_lineage(26100, "azure_local")["releases"][0]["name"] == "Windows Server 2025"


# --- revisions -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("build, ubr, kb, solutions", [
    (26100, 4349, "KB5060842", ["12.2506.1001.29"]),
    (26100, 4061, "KB5058411", ["12.2505.1001.23"]),
    (26100, 32230, "KB5073379", [None]),
    (25398, 1611, None, ["11.2505.1001.22", "10.2505.0.16"]),
])
def test_revision_info(build, ubr, kb, solutions):
    info = revision_info(build, ubr)
    assert info["known"] is True and info["kb"] == kb
    assert [item["solution_version"] for item in info["azure_local"]] == solutions


@pytest.mark.parametrize("build, ubr", [(26100, 4350), (26100, None), (26100, True), (99999, 1), (None, None)])
def test_unknown_revision(build, ubr):
    info = revision_info(build, ubr)
    assert info["known"] is False and info["ubr"] == ubr and info["azure_local"] == []


# --- solution versions ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("solution, os_version, known", [
    ("12.2506.1001.29", "10.0.26100.4349", True),
    ("12.2505.1001.23", "10.0.26100.4061", True),
    ("11.2506.1001.28", "10.0.25398.1665", True),
    ("10.2506.0.15", "10.0.25398.1665", True),
    ("12.2510.1002.94", "10.0.26100.6887", True),  # the train is documented, the full version is not
    (" 12.2601.1002.38 ", "10.0.26100.32230", True),
    ("10.2408.2.7", None, False),  # 23H2 train before the published table (captured Get-SolutionUpdateEnvironment)
    ("12.2506", "10.0.26100.4349", True),
])
def test_solution_release(solution, os_version, known):
    result = solution_release(solution)
    assert result["known"] is known
    assert result["os_version"] == os_version
    assert result["solution_version"] == solution.strip()


def test_solution_release_of_unknown_major():
    result = solution_release("13.2701.1001.1")
    assert result["os_build"] is None and result["known"] is False and result["train"] == "2701"


def test_solution_release_none():
    assert solution_release(None) is None


@pytest.mark.parametrize("value", ["", "latest", "12", "12.25", "v12.2506.1001.29"])
def test_solution_release_rejects_other_text(value):
    with pytest.raises(ValueError, match="is not an Azure Local solution version"):
        solution_release(value)


def _release_table(text):
    """(solution versions, OS build) per row of a Learn release-information table."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not re.match(r"^\d+\.\d+$", cells[1]):
            continue
        rows.append((re.findall(r"\b(\d+\.\d{4}\.(?:\d+|x)\.(?:\d+|x))\b", cells[0]), cells[1]))
    return rows


@pytest.mark.parametrize("capture", [
    "captures/table_azurelocal_release_info_26100_tab_msdocs.md",
    "captures/table_azurelocal_release_info_25398_tab_msdocs.md",
])
def test_table_agrees_with_the_published_release_information(load_data, capture):
    """Every solution version of Microsoft's release table maps to the OS build that table lists."""
    rows = _release_table(load_data(capture))
    assert len(rows) == 6
    for solutions, os_build in rows:
        assert solutions
        for solution in solutions:
            assert solution_release(solution)["os_version"] == "10.0." + os_build, solution


def test_sources_are_public_references():
    sources = [value for name, value in vars(_lineage).items() if name.startswith("SRC_")]
    assert len(sources) >= 8
    for source in sources:
        assert not re.search(r"(?:^|[\s(])/\w", source), "a public reference, not a local path: %s" % source
