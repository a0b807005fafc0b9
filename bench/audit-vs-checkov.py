#!/usr/bin/env python3
"""`harden audit` against checkov on the same directory of manifests: wall time, CPU time, peak memory, ratio.

Usage: bench/audit-vs-checkov.py HARDEN DIRECTORY [--runs N] [--venv PATH]

checkov comes from PyPI, pinned (CHECKOV below), into a virtualenv that is created once and reused: by default
.build/bench-venv of this checkout. Each tool runs N times (default 5) after one untimed warm-up run (which fills
the page cache and Python's bytecode cache):

    HARDEN audit DIRECTORY
    checkov -d DIRECTORY --framework kubernetes --quiet --compact

Both walk DIRECTORY for *.yaml, *.yml and *.json and check every Kubernetes object in them; neither is given a
file list. Wall time is the median and the best of the N runs; CPU time (user + system, the process and its
children) and peak RSS (the largest resident set of the process or any of its children, from wait4) are the
medians. Exit codes of 0 to 3 (harden: findings, unreadable inputs) and 0 to 1 (checkov: failed checks) are
expected; any other is an error.
"""
import argparse, os, statistics, subprocess, sys, time, venv

CHECKOV = "3.3.30"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def checkov_in(venv_dir):
    """The checkov executable of `venv_dir`, created with the pinned checkov if missing or another version."""
    checkov = os.path.join(venv_dir, "bin", "checkov")
    if os.path.exists(checkov):
        version = subprocess.run([checkov, "--version"], capture_output=True, text=True).stdout.strip()
        if version == CHECKOV:
            return checkov
    print(f"installing checkov {CHECKOV} into {venv_dir}", file=sys.stderr)
    venv.create(venv_dir, with_pip=True, clear=True)
    pip = os.path.join(venv_dir, "bin", "pip")
    subprocess.run([pip, "install", "--quiet", f"checkov=={CHECKOV}"], check=True)
    return checkov


def run(command, expected):
    """One run: (wall seconds, CPU seconds, peak RSS in bytes), output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in expected:
        sys.exit(f"{command[0]} exited with {code}: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def measure(name, command, expected, runs):
    run(command, expected)
    samples = [run(command, expected) for _ in range(runs)]
    walls = [sample[0] for sample in samples]
    result = {
        "name": name,
        "wall": statistics.median(walls),
        "best": min(walls),
        "cpu": statistics.median(sample[1] for sample in samples),
        "rss": statistics.median(sample[2] for sample in samples),
    }
    print(
        f"{name:8} wall {result['wall']:7.3f} s median, {result['best']:7.3f} s best; "
        f"CPU {result['cpu']:7.3f} s; peak RSS {result['rss'] / 1e6:6.1f} MB",
        flush=True,
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("harden")
    parser.add_argument("directory")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--venv", default=os.path.join(ROOT, ".build", "bench-venv"))
    arguments = parser.parse_args()

    checkov = checkov_in(arguments.venv)
    files = sum(
        name.endswith((".yaml", ".yml", ".json")) for _, _, names in os.walk(arguments.directory) for name in names
    )
    size = sum(
        os.path.getsize(os.path.join(root, name))
        for root, _, names in os.walk(arguments.directory)
        for name in names
        if name.endswith((".yaml", ".yml", ".json"))
    )
    print(f"{arguments.directory}: {files} files, {size / 1e6:.1f} MB; {arguments.runs} runs each after a warm-up")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    harden = measure("harden", [arguments.harden, "audit", arguments.directory], range(0, 4), arguments.runs)
    checkov = measure(
        "checkov",
        [checkov, "-d", arguments.directory, "--framework", "kubernetes", "--quiet", "--compact"],
        range(0, 2),
        arguments.runs,
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(
        f"checkov / harden: {checkov['wall'] / harden['wall']:.1f}x wall (median), "
        f"{checkov['best'] / harden['best']:.1f}x wall (best), {checkov['cpu'] / harden['cpu']:.1f}x CPU, "
        f"{checkov['rss'] / harden['rss']:.1f}x peak RSS; harden's peak RSS is {harden['rss'] / size:.1f}x the input"
    )


if __name__ == "__main__":
    main()
