#!/usr/bin/env python3
"""How much of `harden fix`'s diff is change, on a corpus of real manifests.

Usage: bench/fix-format.py HARDEN DIRECTORY

Runs `harden fix --diff` on every *.yaml/*.yml/*.json file under DIRECTORY (one file at a time) and reports:
files changed; files re-emitted instead of edited in place (and why); comment lines of the original missing from the
fixed text; and the removed lines of every diff, split into value changes (an added line in the same hunk sets the
same key) and removals (a line fix takes out: a shadowing mount, an added capability). Every removed line that is
neither is printed, since it would be a line the fix touched without changing it.
"""
import collections, os, re, subprocess, sys

harden, directory = sys.argv[1], sys.argv[2]
files = sorted(
    os.path.join(root, name)
    for root, _, names in os.walk(directory)
    for name in names
    if name.endswith((".yaml", ".yml", ".json"))
)


def key(line):
    """The key a diff line sets (`runAsUser` for `  runAsUser: 0`, `- name: x` counts as `name`)."""
    text = line[1:].strip()
    text = text[2:] if text.startswith("- ") else text
    match = re.match(r'"?([^":]+)"?\s*:', text)
    return match.group(1) if match else None


totals = collections.Counter({name: 0 for name in ["files re-emitted", "comment lines lost"]})
reemitted = collections.Counter()
untouched_lines = []
for path in files:
    result = subprocess.run([harden, "fix", "--diff", path], capture_output=True, text=True)
    totals["files"] += 1
    if result.returncode not in (0, 1, 2):
        totals["not fixed (unreadable or not Kubernetes)"] += 1
        continue
    if not result.stdout:
        continue
    totals["files changed"] += 1
    for line in result.stderr.splitlines():
        if "re-emitted the whole file" in line:
            reemitted[line.split("not kept: ", 1)[-1]] += 1
            totals["files re-emitted"] += 1
    original = open(path, encoding="utf-8", errors="replace").read()
    hunks = re.split(r"^@@ .*@@$", result.stdout, flags=re.M)[1:]
    added_text = "\n".join(l for hunk in hunks for l in hunk.splitlines() if l.startswith("+"))
    for comment in (l.strip() for l in original.splitlines() if l.strip().startswith("#")):
        removed = any(l.startswith("-") and l[1:].strip() == comment for h in hunks for l in h.splitlines())
        if removed and comment not in added_text:
            totals["comment lines lost"] += 1
    for hunk in hunks:
        lines = hunk.splitlines()
        added_keys = {key(l) for l in lines if l.startswith("+")}
        for line in lines:
            if not line.startswith("-"):
                continue
            totals["removed lines"] += 1
            if key(line) in added_keys:
                totals["removed lines: value changed"] += 1
            elif re.fullmatch(r"-\s*- [A-Z_]+\s*(#.*)?", line) or re.search(r"(privileged|add|runAsUser|mountPath|name|emptyDir|capabilities|hostPath|procMount|"
                           r"type|allowPrivilegeEscalation|readOnlyRootFilesystem|seccompProfile|value)\b", line):
                totals["removed lines: a setting or mount fix takes out"] += 1
            else:
                untouched_lines.append(f"{path}: {line}")
    totals["added lines"] += sum(1 for h in hunks for l in h.splitlines() if l.startswith("+"))

for name, count in totals.items():
    print(f"{name}: {count}")
for reason, count in reemitted.most_common():
    print(f"re-emitted ({count}): {reason}")
print(f"removed lines that carry no change: {len(untouched_lines)}")
for line in untouched_lines[:40]:
    print("  " + line)
