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
    solution_os_relation,
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
    ("10.2408.2.7", "10.0.25398.1189", True),  # the captured Get-SolutionUpdateEnvironment version, 2024 table
    ("10.2402", None, True),  # a train whose OS revision moved: no single revision
    ("10.2612.0.1", None, False),  # a train no table lists
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


# --- the anomaly rule against every row of Microsoft's tables ----------------------------------------------------

_SOLUTION_CELL = re.compile(r"\b(\d{2}\.\d{4}(?:\.(?:\d+|x)\.(?:\d+|x))?)\b")
_OS_CELL = re.compile(r"^(?:10\.0\.)?(\d{5})\.(\d+)$")
TABLES = {
    "captures/table_azurelocal_release_info_26100_tab_msdocs.md": 6,
    "captures/table_azurelocal_release_info_25398_tab_msdocs.md": 9,  # six rows, three list 11.x and 10.x
    "captures/table_azurelocal_release_info_25398_2311-2504_msdocs.md": 23,
    "captures/table_solutionversion_to_osbuild_azurelocal_tsg.md": 22,
}


def _table_rows(text):
    """(solution version, OS build, OS revision) for every solution version of every row of a table (a row may
    list two: 11.2507.1001.9 and 10.2507.0.6)."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2:
            continue
        os_cell = _OS_CELL.match(cells[1])
        if not os_cell:
            continue
        for solution in _SOLUTION_CELL.findall(cells[0]):
            rows.append((solution, int(os_cell.group(1)), int(os_cell.group(2))))
    return rows


@pytest.mark.parametrize("capture", sorted(TABLES))
def test_anomaly_rule_on_every_row_of_the_published_tables(load_data, capture):
    """At the revision Microsoft lists for a release (or a later one) a host is not an anomaly; at an earlier one,
    or on the other OS family, it is. Holds also where Microsoft's two tables disagree (11.2506.1001.28: Learn
    says 25398.1665, the troubleshooting guide 25398.1668)."""
    rows = _table_rows(load_data(capture))
    assert len(rows) == TABLES[capture]
    for solution_version, build, ubr in rows:
        solution = solution_release(solution_version)
        assert solution["known"] is True and solution["os_build"] == build, solution_version
        relation, anomaly = solution_os_relation(solution, build, ubr)
        assert relation in ("same", "newer") and anomaly is None, (solution_version, ubr, relation)
        assert solution_os_relation(solution, build, ubr + 1) == ("newer", None), solution_version
        floor = solution["os_ubrs"][0]
        relation, anomaly = solution_os_relation(solution, build, floor - 1)
        assert relation == "older" and "but this host runs the older 10.0.%d.%d" % (build, floor - 1) in anomaly
        other = 26100 if build == 25398 else 25398
        relation, anomaly = solution_os_relation(solution, other, ubr)
        assert relation == "other_family" and "is a release of OS build %d" % build in anomaly


@pytest.mark.parametrize("train, revisions", [
    ("10.2402", [709, 762, 830, 887, 950]),
    ("10.2405", [887, 950, 1009, 1085]),
    ("10.2311", [531, 643, 709, 762, 830]),
])
def test_a_train_moves_its_os_revision(train, revisions):
    """Microsoft's tables list trains whose OS revision moved from one cumulative update to the next."""
    solution = solution_release(train + ".x.x")
    assert solution["match"] == "train" and solution["os_ubrs"] == revisions and solution["os_ubr"] is None
    for revision in revisions:
        assert solution_os_relation(solution, 25398, revision) == ("same", None)
    relation, anomaly = solution_os_relation(solution, 25398, revisions[0] - 1)
    assert relation == "older" and "or later (train %s)" % train[3:] in anomaly
    # between two documented revisions of the train: later than the train's first, so not older
    assert solution_os_relation(solution, 25398, revisions[0] + 1) == ("newer", None)


def test_the_exact_release_decides_over_its_train():
    """10.2402.4.4 shipped 25398.950: a host of that release on 25398.830 (a revision of the train) is older."""
    solution = solution_release("10.2402.4.4")
    assert solution["match"] == "solution_version" and solution["os_ubrs"] == [950]
    assert solution_os_relation(solution, 25398, 830)[0] == "older"


@pytest.mark.parametrize("build, ubr", [(None, 4349), (26100, None)])
def test_unknown_host_os_is_no_anomaly(build, ubr):
    assert solution_os_relation(solution_release("12.2506.1001.29"), build, ubr) == ("unknown", None)


def test_unknown_major_or_train_is_no_anomaly():
    assert solution_os_relation(solution_release("13.2701.1001.1"), 26100, 1) == ("unknown", None)
    assert solution_os_relation(solution_release("12.2612.1002.1"), 26100, 1) == ("unknown", None)
