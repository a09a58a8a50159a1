# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Release lineage of Windows builds: which products share a build, and what each monthly revision is.

PRIVATE to the collection. Pure data plus look-ups; no Ansible imports, so it is easy to test and to extend.

Two tables:

* FAMILIES: one entry per OS build number, listing every product released from that build. Windows Server
  2025, Azure Stack HCI OS 24H2 (Azure Local 12.x) and Windows 11 24H2 all come from build 26100, which is
  the lineage the kernel proof is about.
* REVISIONS: one entry per (build, UBR) Microsoft documents, with the security update KB and the Azure
  Local solution versions that shipped that exact OS revision.

To add a release, append an entry with its public source; tests/unit/plugins/plugin_utils/test_lineage.py
checks that every entry is well formed and sourced.
"""

from __future__ import annotations

import re

# Public sources, cited by the entries below.
SRC_RELEASE_INFO = (
    "Microsoft Learn, Azure Local release information "
    "(MicrosoftDocs/azure-stack-docs azure-local/release-information-23h2.md @ a38070fc)"
)
SRC_SECURITY_UPDATES = (
    "Microsoft Learn, Azure Local security updates (MicrosoftDocs/azure-stack-docs "
    "azure-local/security-update/security-update.md, ms.date 02/13/2026)"
)
SRC_UPGRADE_24H2 = (
    "Microsoft Learn, Upgrade Azure Stack HCI OS to version 26100.xxxx using PowerShell "
    "(MicrosoftDocs/azure-stack-docs azure-local/upgrade/upgrade-to-24h2-powershell.md)"
)
SRC_MSLAB = "microsoft/MSLab Tools/CreateParentDisk.ps1 (build number to operating system map)"
SRC_OSDBUILDER = "OSDeploy/OSDBuilder issue #35 (Version 10.0.17784.1068, Edition ServerAzureStackHCICor)"
SRC_HYPERV_HISTORY = "Wikipedia, Hyper-V (https://en.wikipedia.org/wiki/Hyper-V), Windows Server release builds"
SRC_WS2025_GA = "MSLab HandsOnLabs evaluation ISO 26100.1742.240906-0331 and KB5043080 (Windows Server 2025 GA)"
SRC_WS2025_JAN2026 = (
    "KB5073379, 2026-01 Cumulative Update for Windows Server 2025; docker-library/repo-info "
    "windowsservercore-ltsc2025 image 10.0.26100.32230"
)
SRC_AZURE_LOCAL_2607 = "Azure Local 2607 what's new: OS build 26100.33158, drivers compatible with Windows Server 2025"
SRC_RELEASE_INFO_2025_04 = (
    "Microsoft Learn, Azure Local release information, version of 04/21/2025 with the 23H2 trains 2311 to 2504 "
    "(MicrosoftDocs/azure-stack-docs azure-local/release-information-23h2.md)"
)
SRC_SUPPORTABILITY_BUILDS = (
    "Azure/AzureLocal-Supportability TSG/Update/UpdateOsBuildNumberInEce-MismatchedBuilds.md @ bfc58f9b"
)

# Platform names used throughout the collection (see _identity.PLATFORMS).
AZURE_LOCAL = "azure_local"
WINDOWS_SERVER = "windows_server"
WINDOWS_CLIENT = "windows_client"

FAMILIES = (
    {
        "build": 26100,
        "releases": (
            {"platform": WINDOWS_SERVER, "name": "Windows Server 2025"},
            {"platform": AZURE_LOCAL, "name": "Azure Stack HCI OS, version 24H2 (Azure Local 12.x)"},
            {"platform": WINDOWS_CLIENT, "name": "Windows 11, version 24H2"},
        ),
        "sources": (SRC_RELEASE_INFO, SRC_UPGRADE_24H2, SRC_MSLAB, SRC_SECURITY_UPDATES),
    },
    {
        "build": 25398,
        "releases": (
            {"platform": WINDOWS_SERVER, "name": "Windows Server, version 23H2"},
            {"platform": AZURE_LOCAL, "name": "Azure Stack HCI, version 23H2 (Azure Local 10.x and 11.x)"},
        ),
        "sources": (SRC_RELEASE_INFO, SRC_MSLAB),
    },
    {
        "build": 20349,
        "releases": (
            {"platform": AZURE_LOCAL, "name": "Azure Stack HCI, version 22H2"},
        ),
        "sources": (SRC_MSLAB, SRC_UPGRADE_24H2),
    },
    {
        "build": 20348,
        "releases": (
            {"platform": WINDOWS_SERVER, "name": "Windows Server 2022"},
            {"platform": AZURE_LOCAL, "name": "Azure Stack HCI, version 21H2"},
        ),
        "sources": (SRC_MSLAB, SRC_HYPERV_HISTORY),
    },
    {
        "build": 17784,
        "releases": (
            {"platform": AZURE_LOCAL, "name": "Azure Stack HCI, version 20H2"},
        ),
        "sources": (SRC_MSLAB, SRC_OSDBUILDER),
    },
    {
        "build": 17763,
        "releases": (
            {"platform": WINDOWS_SERVER, "name": "Windows Server 2019"},
        ),
        "sources": (SRC_HYPERV_HISTORY,),
    },
    {
        "build": 14393,
        "releases": (
            {"platform": WINDOWS_SERVER, "name": "Windows Server 2016"},
        ),
        "sources": (SRC_HYPERV_HISTORY,),
    },
)

# Monthly OS revisions (build.UBR). `azure_local` lists the Azure Local solution versions that shipped this
# exact revision: `train` is the YYMM release, `solution_version` the full version when Microsoft lists it
# (None when only the train is documented), `available` the solution's availability date.
REVISIONS = (
    {"build": 26100, "ubr": 1742, "kb": "KB5043080", "released": None,
     "note": "Windows Server 2025 general availability build",
     "azure_local": (), "sources": (SRC_WS2025_GA,)},
    {"build": 26100, "ubr": 3775, "kb": "KB5055523", "released": None, "note": "first Azure Local 26100 release",
     "azure_local": ({"train": "2504", "solution_version": "12.2504.1001.20", "available": "2025-04-29"},),
     "sources": (SRC_RELEASE_INFO, SRC_SECURITY_UPDATES)},
    {"build": 26100, "ubr": 4061, "kb": "KB5058411", "released": "2025-05-13", "note": None,
     "azure_local": ({"train": "2505", "solution_version": "12.2505.1001.23", "available": "2025-05-28"},),
     "sources": (SRC_RELEASE_INFO, SRC_SECURITY_UPDATES)},
    {"build": 26100, "ubr": 4349, "kb": "KB5060842", "released": "2025-06-10", "note": None,
     "azure_local": ({"train": "2506", "solution_version": "12.2506.1001.29", "available": "2025-07-02"},),
     "sources": (SRC_RELEASE_INFO, SRC_SECURITY_UPDATES)},
    {"build": 26100, "ubr": 4652, "kb": "KB5062553", "released": None, "note": None,
     "azure_local": ({"train": "2507", "solution_version": "12.2507.1001.10", "available": "2025-07-24"},),
     "sources": (SRC_RELEASE_INFO, SRC_SECURITY_UPDATES)},
    {"build": 26100, "ubr": 4946, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2508", "solution_version": "12.2508.1001.52", "available": "2025-08-29"},),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 26100, "ubr": 6584, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2509", "solution_version": "12.2509.1001.22", "available": "2025-09-22"},),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 26100, "ubr": 6887, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2510", "solution_version": None, "available": "2025-10-22"},),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 26100, "ubr": 7462, "kb": "KB5072033", "released": None,
     "note": "the same update also carries Windows 11 25H2 to 26200.7462",
     "azure_local": ({"train": "2512", "solution_version": None, "available": None},),
     "sources": (SRC_SECURITY_UPDATES,)},
    {"build": 26100, "ubr": 32230, "kb": "KB5073379", "released": None,
     "note": "2026-01 cumulative update for Windows Server 2025; from this update on Azure Stack HCI OS 24H2 "
             "uses its own KB identifiers",
     "azure_local": ({"train": "2601", "solution_version": None, "available": None},),
     "sources": (SRC_SECURITY_UPDATES, SRC_WS2025_JAN2026)},
    {"build": 26100, "ubr": 32370, "kb": "KB5075899", "released": None, "note": None,
     "azure_local": ({"train": "2602", "solution_version": None, "available": None},),
     "sources": (SRC_SECURITY_UPDATES,)},
    {"build": 26100, "ubr": 33158, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2607", "solution_version": None, "available": None},),
     "sources": (SRC_AZURE_LOCAL_2607,)},
    {"build": 25398, "ubr": 531, "kb": None, "released": None, "note": "the 2311 release (11B 2023)",
     "azure_local": ({"train": "2311", "solution_version": "10.2311.0.26", "available": None},),
     "sources": (SRC_SUPPORTABILITY_BUILDS,)},
    {"build": 25398, "ubr": 643, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2311", "solution_version": "10.2311.2.7", "available": "2024-01-09"},),
     "sources": (SRC_RELEASE_INFO_2025_04,)},
    {"build": 25398, "ubr": 709, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2402", "solution_version": "10.2402.0.23", "available": "2024-02-13"},
                     {"train": "2311", "solution_version": "10.2311.3.12", "available": "2024-02-13"}),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 762, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2402", "solution_version": "10.2402.1.5", "available": "2024-03-20"},
                     {"train": "2311", "solution_version": "10.2311.4.6", "available": "2024-03-20"}),
     "sources": (SRC_RELEASE_INFO_2025_04,)},
    {"build": 25398, "ubr": 830, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2402", "solution_version": "10.2402.2.12", "available": "2024-04-16"},
                     {"train": "2311", "solution_version": "10.2311.5.6", "available": "2024-04-16"}),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 887, "kb": None, "released": None,
     "note": "the troubleshooting guide lists 10.2405.0.23 here, Microsoft Learn 10.2405.0.24",
     "azure_local": ({"train": "2405", "solution_version": "10.2405.0.24", "available": "2024-05-30"},
                     {"train": "2405", "solution_version": "10.2405.0.23", "available": None},
                     {"train": "2402", "solution_version": "10.2402.3.10", "available": "2024-05-21"}),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 950, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2405", "solution_version": "10.2405.1.4", "available": "2024-06-19"},
                     {"train": "2402", "solution_version": "10.2402.4.4", "available": "2024-06-19"}),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1009, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2405", "solution_version": "10.2405.2.7", "available": "2024-07-16"},),
     "sources": (SRC_RELEASE_INFO_2025_04,)},
    {"build": 25398, "ubr": 1085, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2408", "solution_version": "10.2408.0.29", "available": "2024-09-05"},
                     {"train": "2405", "solution_version": "10.2405.3.7", "available": "2024-08-20"}),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1128, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2408", "solution_version": "10.2408.1.9", "available": "2024-09-25"},),
     "sources": (SRC_RELEASE_INFO_2025_04,)},
    {"build": 25398, "ubr": 1189, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2408", "solution_version": "10.2408.2.7", "available": "2024-10-23"},),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1251, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2411", "solution_version": "10.2411.0.24", "available": "2024-11-26"},
                     {"train": "2411", "solution_version": "10.2411.0.22", "available": "2024-11-14"}),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1308, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2411", "solution_version": "10.2411.1.10", "available": "2024-12-17"},),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1369, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2411", "solution_version": "10.2411.2.12", "available": "2025-02-10"},),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1425, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2411", "solution_version": "10.2411.3.2", "available": "2025-02-20"},),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1486, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2503", "solution_version": "10.2503.0.13", "available": "2025-03-31"},),
     "sources": (SRC_RELEASE_INFO_2025_04, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1551, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2504", "solution_version": "11.2504.1001.19", "available": "2025-04-21"},),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 25398, "ubr": 1611, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2505", "solution_version": "11.2505.1001.22", "available": "2025-05-28"},
                     {"train": "2505", "solution_version": "10.2505.0.16", "available": "2025-05-28"}),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 25398, "ubr": 1665, "kb": None, "released": None,
     "note": "an Azure Local troubleshooting guide lists 25398.1668 for 11.2506.1001.28; Microsoft Learn says 1665",
     "azure_local": ({"train": "2506", "solution_version": "11.2506.1001.28", "available": "2025-07-02"},
                     {"train": "2506", "solution_version": "10.2506.0.15", "available": "2025-07-02"}),
     "sources": (SRC_RELEASE_INFO, SRC_SUPPORTABILITY_BUILDS)},
    {"build": 25398, "ubr": 1732, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2507", "solution_version": "11.2507.1001.9", "available": "2025-07-24"},
                     {"train": "2507", "solution_version": "10.2507.0.6", "available": "2025-07-24"}),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 25398, "ubr": 1791, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2508", "solution_version": "11.2508.1001.51", "available": "2025-08-29"},),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 25398, "ubr": 1849, "kb": None, "released": None, "note": None,
     "azure_local": ({"train": "2509", "solution_version": "11.2509.1001.21", "available": "2025-09-22"},),
     "sources": (SRC_RELEASE_INFO,)},
    {"build": 25398, "ubr": 1910, "kb": None, "released": None,
     "note": "11.2510 is the last Azure Stack HCI 23H2 release",
     "azure_local": ({"train": "2510", "solution_version": None, "available": "2025-10-22"},),
     "sources": (SRC_RELEASE_INFO,)},
)

# Solution version major number -> OS build it runs on: "10.2xxx or 11.25xx <-> 25398.xxxx, 12.25xx <->
# 26100.xxxx" (Microsoft Learn release information; restated by the Azure Local supportability TSGs).
SOLUTION_MAJOR_BUILD = {10: 25398, 11: 25398, 12: 26100}

_SOLUTION_RE = re.compile(r"^\s*(\d+)\.(\d{4})(?:\.(\S+))?\s*$")

_FAMILY_BY_BUILD = {entry["build"]: entry for entry in FAMILIES}
_REVISION_BY_KEY = {(entry["build"], entry["ubr"]): entry for entry in REVISIONS}


def family_label(family):
    """One label for a whole build family, the same on every sibling (e.g. for comparing hosts)."""
    return "%d: %s" % (family["build"], " | ".join(release["name"] for release in family["releases"]))


def build_lineage(build, platform=None):
    """The release family of a build.

    Returns a dict: known, build, family (one label shared by all siblings), release (the product this
    platform runs from that build, or None), siblings (the other products of the same build), releases
    (platform and name of each), sources. An unknown or missing build gives known False, never an error.
    """
    family = _FAMILY_BY_BUILD.get(build) if isinstance(build, int) and not isinstance(build, bool) else None
    if family is None:
        return {"known": False, "build": build, "family": None, "release": None, "siblings": [], "releases": [],
                "sources": []}
    own = [r["name"] for r in family["releases"] if r["platform"] == platform]
    return {
        "known": True,
        "build": build,
        "family": family_label(family),
        "release": own[0] if own else None,
        "siblings": [r["name"] for r in family["releases"] if r["platform"] != platform],
        "releases": [dict(r) for r in family["releases"]],
        "sources": list(family["sources"]),
    }


def _revision_doc(entry, build, ubr):
    if entry is None:
        return {"known": False, "build": build, "ubr": ubr, "kb": None, "released": None, "note": None,
                "azure_local": [], "sources": []}
    return {
        "known": True,
        "build": entry["build"],
        "ubr": entry["ubr"],
        "kb": entry["kb"],
        "released": entry["released"],
        "note": entry["note"],
        "azure_local": [dict(item) for item in entry["azure_local"]],
        "sources": list(entry["sources"]),
    }


def revision_info(build, ubr):
    """What Microsoft documents about one OS revision (build.UBR): KB, date, Azure Local releases on it."""
    entry = _REVISION_BY_KEY.get((build, ubr)) if isinstance(ubr, int) and not isinstance(ubr, bool) else None
    return _revision_doc(entry, build, ubr)


def solution_release(solution_version):
    """The OS revisions an Azure Local solution version shipped, from the release tables.

    Returns None when solution_version is None. Otherwise a dict: solution_version, train (YYMM), os_build
    (from the major version rule, None for an unknown major), known (whether the tables list the version or
    its train), match ("solution_version" when the exact version is listed, "train" when only its train is,
    else None), os_ubrs (the OS revisions the matched release or train shipped, ascending: a train moves its
    OS revision from one cumulative update to the next, 10.2402.x shipped 709 ... 950), os_ubr and os_version
    ("10.0.<build>.<ubr>") when that is one revision, kb and available of that revision. Raises ValueError
    when the string is not a solution version (<major>.<YYMM>[.<build>.<revision>]).
    """
    if solution_version is None:
        return None
    match = _SOLUTION_RE.match(str(solution_version))
    if not match:
        raise ValueError("'%s' is not an Azure Local solution version such as 12.2506.1001.29" % solution_version)
    major, train = int(match.group(1)), match.group(2)
    version = str(solution_version).strip()
    os_build = SOLUTION_MAJOR_BUILD.get(major)
    result = {"solution_version": version, "train": train, "os_build": os_build, "known": False, "match": None,
              "os_ubrs": [], "os_ubr": None, "os_version": None, "kb": None, "available": None}
    exact, in_train = [], []
    for entry in REVISIONS:
        if entry["build"] != os_build:
            continue
        for item in entry["azure_local"]:
            if item["solution_version"] == version:
                exact.append((entry, item))
            elif item["train"] == train:
                in_train.append((entry, item))
    found = exact or in_train
    if not found:
        return result
    ubrs = sorted({entry["ubr"] for entry, _item in found})
    result.update(known=True, match="solution_version" if exact else "train", os_ubrs=ubrs)
    if len(ubrs) == 1:
        entry, item = found[0]
        result.update(os_ubr=entry["ubr"], os_version="10.0.%d.%d" % (entry["build"], entry["ubr"]), kb=entry["kb"],
                      available=item["available"] if len(found) == 1 or exact else None)
    return result


def solution_os_relation(solution, build, ubr):
    """How a host's OS relates to the OS its Azure Local solution version shipped: (relation, anomaly or None).

    solution is a solution_release() result. relation is "same" (the host runs a revision the release
    shipped), "newer" (a later revision of the same OS build: a hotfix or cumulative update installed after
    the release, not an anomaly), "older" (an earlier revision than the release shipped), "other_family"
    (the solution's major version runs another OS build: 10.x and 11.x run 25398, 12.x runs 26100) or
    "unknown" (the host's build or revision, or the release's OS, is not known). Only "older" and
    "other_family" come with an anomaly, in words.
    """
    os_build = solution["os_build"]
    if os_build is None or build is None:
        return "unknown", None
    if build != os_build:
        return "other_family", ("solution version %s is a release of OS build %d, but this host runs build %d"
                                % (solution["solution_version"], os_build, build))
    if ubr is None or not solution["os_ubrs"]:
        return "unknown", None
    if ubr in solution["os_ubrs"]:
        return "same", None
    floor = solution["os_ubrs"][0]
    if ubr > floor:
        return "newer", None
    shipped = "10.0.%d.%d" % (os_build, floor)
    return "older", ("solution version %s shipped OS %s%s, but this host runs the older 10.0.%d.%d"
                     % (solution["solution_version"], shipped,
                        "" if solution["match"] == "solution_version" else " or later (train %s)" % solution["train"],
                        build, ubr))
