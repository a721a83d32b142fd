"""``pillar bench``: how Pillar copes with N listings, measured on this machine.

    pillar bench --listings 10000 [--json] [--seed 1] [--languages en] [--keep DIR] [--no-browser]
                 [--pairs K]

Works in a temporary folder in memory when the machine has one with room (see :data:`MEMORY`), or
in ``--keep DIR``, which may be on a disk. Generates a synthetic directory (see
:mod:`pillar_bench.synth`), builds it, rebuilds it with nothing changed and with one listing changed,
builds N bare Pelican pages the same way for comparison, and measures what a visitor downloads
(see :mod:`pillar_bench.visitor`). Prints a table, or one JSON object with ``--json``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def add_parser(commands) -> None:
    bench = commands.add_parser("bench", help="measure build speed and download sizes on a synthetic directory")
    bench.add_argument("--listings", type=int, default=1000, metavar="N", help="how many listings (default: 1000)")
    bench.add_argument("--seed", type=int, default=1, help="the synthetic directory's seed (default: 1)")
    bench.add_argument("--languages", default="en", help="the site's languages, e.g. en,es (default: en)")
    bench.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    bench.add_argument("--keep", type=Path, metavar="DIR",
                       help="work in DIR and keep it (default: a temporary folder, in memory where there is one)")
    bench.add_argument("--no-browser", action="store_true", help="skip the download and first-result measurements")
    bench.add_argument("--pairs", type=int, default=1, metavar="K",
                       help="build bare Pelican and Pillar K times each, in turn, and report the pair with the "
                            "middle ratio (default: 1)")


MEMORY = Path("/dev/shm")
"""Linux's folder in memory. Both builds are measured there when it has room: on a disk, creating
files soon after many were deleted can take many times longer (ext4 with online discard, as on this
machine), so a build's time would depend on what ran before it rather than on the build."""
ROOM_PER_LISTING = 80_000
"""Bytes of work folder a listing needs at most: its YAML, its pages in two trees during a rebuild,
and a bare Pelican page."""


def work_folder(listings: int, pairs: int = 1) -> Path:
    """A new temporary folder for the bench: in memory if there is room, else the system's usual one."""
    try:
        in_memory = MEMORY.is_dir() and shutil.disk_usage(MEMORY).free > listings * ROOM_PER_LISTING * pairs + 2**28
    except OSError:
        in_memory = False
    return Path(tempfile.mkdtemp(prefix="pillar-bench-", dir=MEMORY if in_memory else None))


def filesystem(folder: Path) -> str:
    """The type of the file system holding ``folder`` ("tmpfs", "ext4"…), as Linux's mount table says."""
    try:
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            table = [line.split()[1:3] for line in mounts if len(line.split()) > 2]
    except OSError:
        return "unknown"
    path = os.path.realpath(folder)
    found = [(len(point), kind) for point, kind in table
             if path == point or path.startswith(point.rstrip("/") + "/")]
    return max(found)[1] if found else "unknown"


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's (inode, modification time): what changes when a file is rewritten."""
    found = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            info = os.stat(path)
            found[os.path.relpath(path, folder)] = (info.st_ino, info.st_mtime_ns)
    return found


def _change_one(site: Path) -> Path:
    """Edit one meeting's notes, as a volunteer's pull request would."""
    path = sorted((site / "directory" / "meetings").rglob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("last_verified:", 'notes: "Changed for the benchmark."\nlast_verified:', 1)
                    if "notes:" not in text else text.replace("notes: ", 'notes: "Changed." #', 1),
                    encoding="utf-8")
    return path


def _full_builds(builds, site: Path, output: Path, baseline: Path, pairs: int) -> tuple:
    """Bare Pelican's build and Pillar's full build, ``pairs`` times in turn, each into a folder of its
    own so nothing is deleted in between (the first Pillar build's is ``output``, which the rebuilds
    and the visitor then use): the pair with the middle ratio, and every pair's times."""
    runs = []
    for number in range(pairs):
        suffix = f"-{number}" if number else ""
        pelican = builds.pelican_build(baseline, f"output{suffix}")
        runs.append((pelican, builds.pillar_build(site, output.with_name(output.name + suffix))))
    pelican, full = sorted(runs, key=lambda run: run[1].wall_s / run[0].wall_s)[(pairs - 1) // 2]
    return pelican, full, [{"baseline_pelican_s": round(p.wall_s, 2), "build_s": round(f.wall_s, 2),
                            "build_vs_baseline": round(f.wall_s / p.wall_s, 2)} for p, f in runs]


def measure(work: Path, listings: int, seed: int, languages: tuple[str, ...], browser: bool,
            pairs: int = 1) -> dict:
    from pillar_bench import builds, synth

    site, output = work / "site", work / "site" / "output"
    started = time.perf_counter()
    counts = synth.write_site(site, listings, seed, languages)
    result: dict = {"listings": listings, "kinds": counts, "languages": list(languages),
                    "cores": len(os.sched_getaffinity(0)), "generate_s": round(time.perf_counter() - started, 2),
                    "work_filesystem": filesystem(work)}
    # Both full builds come before anything is deleted: on ext4, creating files soon after many were
    # deleted nearby is slower, and would tax whichever build came second.
    baseline = work / "baseline"
    builds.write_baseline(baseline, listings)
    pelican, full, every_pair = _full_builds(builds, site, output, baseline, pairs)
    result.update(baseline_pelican_s=round(pelican.wall_s, 2), baseline_peak_rss_mb=round(pelican.peak_rss_mb))
    result.update(build_s=round(full.wall_s, 2), build_cpu_s=round(full.cpu_s, 2),
                  peak_rss_mb=round(full.peak_rss_mb), phases=full.timings)
    if pairs > 1:
        result["pairs"] = every_pair
    before = _snapshot(output)
    result["rebuild_noop_s"] = round(builds.pillar_build(site, output).wall_s, 2)
    _change_one(site)
    result["rebuild_one_s"] = round(builds.pillar_build(site, output).wall_s, 2)
    after = _snapshot(output)
    result["rebuild_one_files_written"] = sum(1 for name, stamp in after.items() if before.get(name) != stamp)
    files, size = builds.folder_size(output)
    _, search = builds.folder_size(output / "search")
    result.update(output_files=files, output_mb=round(size / 2**20, 1), search_data_mb=round(search / 2**20, 1))
    result["build_vs_baseline"] = round(full.wall_s / pelican.wall_s, 2)
    result["noop_vs_build"] = round(result["rebuild_noop_s"] / full.wall_s, 3)
    result["one_vs_build"] = round(result["rebuild_one_s"] / full.wall_s, 3)
    if browser:
        from pillar_bench import visitor

        result.update(visitor.measure(output))
    return result


def _table(result: dict) -> str:
    rows = [(key, value) for key, value in result.items() if key != "phases"]
    rows += [(f"  phase: {key}", value) for key, value in result.get("phases", {}).items()]
    width = max(len(key) for key, _ in rows)
    return "\n".join(f"{key:<{width}}  {value}" for key, value in rows)


def run(args) -> int:
    if args.listings < 1 or args.pairs < 1:
        print(f"pillar bench: --{'listings' if args.listings < 1 else 'pairs'} must be at least 1", file=sys.stderr)
        return 2
    languages = tuple(code.strip() for code in args.languages.split(",") if code.strip())
    work = args.keep or work_folder(args.listings, args.pairs)
    if args.keep and work.exists():
        shutil.rmtree(work)
    from pillar_bench.builds import BuildFailed

    try:
        result = measure(work, args.listings, args.seed, languages, not args.no_browser, args.pairs)
    except BuildFailed as error:
        print(f"pillar bench: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, sort_keys=True) if args.json else _table(result))
    return 0
