"""How fast nlmg-pdf builds, against the usual reportlab approach. One command, from the
project folder, after the README's set-up:

    .venv/bin/python bench/run.py     (8 to 25 minutes by the machine; --quick: 1x and 10x only)

It prints tables and never fails on a number. Every time is a whole process's wall time
(but for the one-pass table's CPU times), the median of several runs (one at 50x); memory
is the peak resident size of the largest process (os.wait4). "The floor" is bench/floor.py:
the tool's own flowables, pickled, laid out by a plain BaseDocTemplate with TableOfContents
and multiBuild; "one pass" is the same script with --one-pass, the story laid out once with
no contents (compared in CPU time, against a budget of 1.25 times). "Typst" is the same
teacher edition converted to Typst source by bench/typst_guide.py and compiled by the PyPI
typst package (the bench extra: pip install -e '.[bench]'), timed in the same turns. The 10x
and 50x guides are made here, by copying every section of the shipped content 10 or 50 times.
"""
from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FLOOR = ROOT / "bench" / "floor.py"
ONE_PASS_BUDGET = 1.25  # the tool's CPU time at most this many times the minimal one-pass floor's
STORY = ROOT / "bench" / "story.py"
TYPST_GUIDE = ROOT / "bench" / "typst_guide.py"  # the guide as Typst source
TYPST_BUILD = ROOT / "bench" / "typst_build.py"
TYPST_MEMORY_SHARE = 5  # the tool's peak memory at most a fifth of Typst's
WATCH_BUDGET = 0.25  # seconds from saving an edit to the rebuilt guide, in `nlmg-pdf watch`
RUNS = {1: 5, 10: 3, 50: 1}  # runs per size; the median is reported


@dataclass
class Timing:
    seconds: float  # median wall time
    peak_mb: float  # the largest peak resident size seen
    output: str  # what the last run printed
    cpu: float = 0.0  # median CPU time (user and system) of the process itself


def timed(commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
    """Each command's median over `runs` runs, taken in turns so that a slow spell of the
    machine falls on all of them alike."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    output: dict[str, str] = {}
    for _ in range(runs):
        for name, command in commands.items():
            with tempfile.TemporaryFile("w+") as said:  # a file, not a pipe: nothing can block
                start = time.perf_counter()
                process = subprocess.Popen(command, stdout=said, stderr=subprocess.STDOUT, cwd=ROOT)
                _, status, usage = os.wait4(process.pid, 0)  # this process's own peak memory
                walls[name].append(time.perf_counter() - start)
                peaks[name].append(usage.ru_maxrss / 1024)
                cpus[name].append(usage.ru_utime + usage.ru_stime)
                said.seek(0)
                output[name] = said.read()
            if os.waitstatus_to_exitcode(status):
                raise SystemExit(f"{' '.join(command)} failed:\n{output[name]}")
    return {name: Timing(statistics.median(walls[name]), max(peaks[name]), output[name], statistics.median(cpus[name]))
            for name in commands}


def tool(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("nlmg-pdf")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "nlmg_pdf", *args]


def synthetic(copies: int, folder: Path) -> Path:
    """The shipped content with every section copied `copies` times over."""
    if copies == 1:
        return CONTENT
    content = folder / f"content-{copies}x"
    shutil.copytree(CONTENT, content)
    manifest_path = content / "guide.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    sections = []
    for copy in range(copies):
        for name in manifest["sections"]:
            if copy:
                source = content / name
                name = f"{Path(name).with_suffix('')}-{copy}.md"
                shutil.copy(source, content / name)
            sections.append(name)
    manifest["sections"] = sections
    manifest_path.write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def pages_of(result_line: str) -> int:
    """The page count from the tool's result line ("out.pdf: 53 pages, 482 KB, 0.9 s")."""
    return int(result_line.split(": ", 1)[1].split(" pages", 1)[0])


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python "
            f"{platform.python_version()}")


def compile_bytecode() -> None:
    """Compile the tool's modules (and the bench's) to bytecode first, as pip does when it
    installs a wheel and Python does on an editable install's first run, so that no timed
    run compiles source: where PYTHONDONTWRITEBYTECODE is set, nothing else would write it,
    and every run of the tool would compile its sixty modules again (60 ms at 1x) while the
    floor's reportlab comes compiled."""
    package = importlib.util.find_spec("nlmg_pdf")
    folders = [*(package.submodule_search_locations or []), str(ROOT / "bench")] if package else []
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    sizes = (1, 10) if "--quick" in sys.argv else (1, 10, 50)
    print(f"machine: {machine()}\n")
    compile_bytecode()
    with tempfile.TemporaryDirectory() as work:
        startup = timed({"nlmg-pdf --help": tool("--help"), "nlmg-pdf check": tool("check")}, RUNS[1])
        shipped = timed({"build --edition teacher": tool("build", "--edition", "teacher", "--out", f"{work}/t.pdf"),
                         "build --edition all": tool("build", "--edition", "all", "--out", f"{work}/all/")}, RUNS[1])
        print_rows([("start-up", name, timing) for name, timing in startup.items()]
                   + [("shipped", name, timing) for name, timing in shipped.items()])
        both, teacher = shipped["build --edition all"].seconds, shipped["build --edition teacher"].seconds
        print(f"\n--edition all / --edition teacher: {both / teacher:.2f} (budget 1.3)")
        rebuild = watch_rebuild(Path(work))
        verdict = "met" if rebuild <= WATCH_BUDGET else f"missed by {rebuild / WATCH_BUDGET - 1:.0%}"
        print(f"watch: a one-sentence edit rebuilt in {rebuild:.2f} s, from the save to the result line "
              f"(median of {RUNS[1]}; budget {WATCH_BUDGET} s: {verdict})\n")
        scaling, one_pass, against_typst = [], [], []
        typst_here = importlib.util.find_spec("typst") is not None
        for copies in sizes:
            content = synthetic(copies, Path(work))
            made = subprocess.run([sys.executable, str(STORY), str(content), work], capture_output=True, text=True,
                                  check=True, cwd=ROOT).stdout.split()
            story, tool_passes = made[0], int(made[1])
            commands = {"tool": tool("build", "--content", str(content), "--out", f"{work}/s{copies}.pdf"),
                        "floor": [sys.executable, str(FLOOR), str(story), f"{work}/f{copies}.pdf"],
                        "one pass": [sys.executable, str(FLOOR), str(story), f"{work}/o{copies}.pdf", "--one-pass"]}
            if typst_here:
                commands["typst"] = typst_command(content, Path(work), copies)
            pair = timed(commands, RUNS[copies])
            built, floor = pair["tool"], pair["floor"]
            scaling.append((copies, built, floor, pages_of(built.output), tool_passes, int(floor.output.split()[0])))
            one_pass.append((copies, built, pair["one pass"]))
            if typst_here:
                against_typst.append((copies, built, pair["typst"], pages_of(built.output),
                                      len(PdfReader(f"{work}/t{copies}.pdf").pages)))
        print_scaling(scaling)
        print_one_pass(one_pass)
        if typst_here:
            print_typst(against_typst)
        else:
            print("\nTypst: not installed, so not compared (.venv/bin/pip install -e '.[bench]' adds it)")


def watch_rebuild(work: Path) -> float:
    """The wall time from saving a one-sentence edit of a section to the watch's line saying
    the guide was built again: `nlmg-pdf watch` on a copy of the shipped content."""
    content = work / "watched"
    shutil.copytree(CONTENT, content)
    section = content / "sections" / "plot.md"
    process = subprocess.Popen(tool("watch", "--content", str(content), "--out", f"{work}/watched.pdf"),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    lines = iter(process.stdout or ())
    times = []
    try:
        next(line for line in lines if "for changes" in line)
        for number in range(RUNS[1]):
            edited = section.read_text(encoding="utf-8").replace("included.", f"included. Added {number}.")
            started = time.perf_counter()
            section.write_text(edited, encoding="utf-8")  # (a sentence more in its first paragraph)
            next(line for line in lines if line.startswith("Built again"))
            times.append(time.perf_counter() - started)
    finally:
        process.terminate()
        process.wait()
    return statistics.median(times)


def typst_command(content: Path, work: Path, copies: int) -> list[str]:
    """The command that builds `content` with Typst, once its source is made (not timed)."""
    made = subprocess.run([sys.executable, str(TYPST_GUIDE), str(content), str(work)], capture_output=True,
                          text=True, check=True, cwd=ROOT).stdout.split()
    source, fonts = made[0], made[1:]
    return [sys.executable, str(TYPST_BUILD), source, f"{work}/t{copies}.pdf", *fonts]


def print_typst(rows) -> None:
    """The tool against Typst on the same text: wall time, CPU time and peak memory, with the
    budgets (wall time at most Typst's at 10x and 50x; memory at most a fifth of Typst's)."""
    print(f"\n{'size':>5} {'pages':>11} {'tool s':>7} {'Typst s':>8} {'tool CPU':>9} {'Typst CPU':>10} "
          f"{'tool MB':>8} {'Typst MB':>9}  budgets: wall <= Typst's, MB <= Typst's / {TYPST_MEMORY_SHARE}")
    for copies, built, typst, pages, typst_pages in rows:
        verdicts = ["(budgets at 10x and 50x)"]
        if copies > 1:  # (at 1x both are mostly start-up: a Python process alone is a fifth of Typst's)
            wall, memory = built.seconds / typst.seconds, built.peak_mb / (typst.peak_mb / TYPST_MEMORY_SHARE)
            verdicts = ["wall met" if wall <= 1 else f"wall missed by {wall - 1:.0%}",
                        "memory met" if memory <= 1 else f"memory missed by {memory - 1:.0%}"]
        print(f"{copies:>4}x {pages:>5}/{typst_pages:<5} {built.seconds:7.2f} {typst.seconds:8.2f} {built.cpu:9.2f} "
              f"{typst.cpu:10.2f} {built.peak_mb:8.0f} {typst.peak_mb:9.0f}  {', '.join(verdicts)}")
    print("pages: the tool's / Typst's (Typst gets the text and structure, not the drawings, tagging or fields)")


def print_one_pass(rows) -> None:
    """The tool against the minimal one-pass floor, in CPU seconds, with the budget."""
    print(f"\n{'size':>5} {'tool CPU s':>11} {'one-pass CPU s':>15} {'tool/one-pass':>14}  budget <= {ONE_PASS_BUDGET}")
    for copies, built, floor in rows:
        ratio = built.cpu / floor.cpu
        verdict = "met" if ratio <= ONE_PASS_BUDGET else f"missed by {ratio / ONE_PASS_BUDGET - 1:.0%}"
        print(f"{copies:>4}x {built.cpu:11.2f} {floor.cpu:15.2f} {ratio:14.2f}  {verdict}")


def print_rows(rows) -> None:
    print(f"{'what':10} {'command':28} {'time (s)':>9} {'peak MB':>8}")
    for group, what, timing in rows:
        print(f"{group:10} {what:28} {timing.seconds:9.3f} {timing.peak_mb:8.0f}")


def print_scaling(scaling) -> None:
    print(f"{'size':>5} {'pages':>6} {'tool s':>8} {'floor s':>8} {'tool/floor':>10} {'tool ms/page':>12} "
          f"{'floor ms/page':>13} {'tool MB':>8} {'floor MB':>8} {'passes':>11}")
    base = scaling[0][1].seconds
    for copies, built, floor, pages, tool_passes, floor_passes in scaling:
        ratio = built.seconds / floor.seconds
        print(f"{copies:>4}x {pages:6d} {built.seconds:8.2f} {floor.seconds:8.2f} {ratio:10.2f} "
              f"{built.seconds / pages * 1000:12.1f} {floor.seconds / pages * 1000:13.1f} {built.peak_mb:8.0f} "
              f"{floor.peak_mb:8.0f} {tool_passes:>5} / {floor_passes:<3}")
    print("\npasses: layout passes of the tool / of the floor. Budgets: tool/floor <= 0.8 at 1x and <= 0.6 "
          "at 10x and 50x;")
    for copies, built, *_ in scaling[1:]:
        print(f"  {copies}x costs {built.seconds / base:.1f} times 1x (linear would be at most {copies * 1.1:.0f})")
    print("  peak memory at 50x under 400 MB; --help under 0.25 s.")


if __name__ == "__main__":
    main()
