#!/usr/bin/env python3
"""How often Dockerfile inference alone agrees with the curated knowledge base.

Usage: bench/infer-accuracy.py [--misses] HARDEN DIRECTORY

DIRECTORY holds upstream Dockerfiles (not committed: read them at the commits the seed files cite) and an
index.json: [{"file", "repository", "variant", "tag", "buildArgs": {}, "target": null}]. For each one, the image's own
entry is removed from a copy of seed-data before inferring, so that the inference cannot read its own answer; the
base images' entries stay (inheriting them is part of inference). Reported: UID agreement, writable-path recall
(curated paths covered by an inferred one), and every inferred writable path that would hide a curated protected path.
With --misses, every disagreement is listed with the inferred and the curated values.
"""
import json, os, shutil, subprocess, sys, tempfile

arguments = sys.argv[1:]
show_misses = "--misses" in arguments
harden, directory = [argument for argument in arguments if argument != "--misses"]
seed_data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seed-data")
index = json.load(open(os.path.join(directory, "index.json")))
work = tempfile.mkdtemp(prefix="harden-accuracy-")
env = dict(os.environ, HARDEN_CACHE_DIR=os.path.join(work, "cache"))


def run(*args):
    return subprocess.run([harden, *args], capture_output=True, text=True, env=env)


def covers(parent, path):
    return parent == path or path.startswith(parent.rstrip("/") + "/")


full_db = os.path.join(work, "full.sqlite")
run("db", "build", "--seed-data", seed_data, "--output", full_db)
uid_total = uid_agree = paths_total = paths_found = 0
unsafe = []
per_repository_db = {}
try:
    for item in index:
        repository = item["repository"]
        if repository not in per_repository_db:
            seeds = os.path.join(work, "seeds-" + repository.replace("/", "_"))
            shutil.copytree(seed_data, seeds)
            os.remove(os.path.join(seeds, "images", repository + ".yaml"))
            database = seeds + ".sqlite"
            # --replace-shipped: the copy lacks the image's own entry on purpose.
            built = run("db", "build", "--seed-data", seeds, "--output", database, "--replace-shipped")
            if built.returncode != 0:
                print(f"{repository}: db build failed: {built.stderr.strip()}", file=sys.stderr)
            per_repository_db[repository] = database if built.returncode == 0 else None
        database = per_repository_db[repository]
        if database is None:
            continue
        curated = json.loads(run("resolve", f"{repository}:{item['tag']}", "--variant", item["variant"],
                                 "-o", "json", "--db", full_db).stdout)["profile"]
        arguments = ["infer", os.path.join(directory, item["file"]), "-o", "json", "--db", database]
        for name, value in (item.get("buildArgs") or {}).items():
            arguments += ["--build-arg", f"{name}={value}"]
        if item.get("target"):
            arguments += ["--target", item["target"]]
        result = run(*arguments)
        if result.returncode != 0:
            print(f"{item['file']}: {result.stderr.strip()}", file=sys.stderr)
            continue
        inferred = json.loads(result.stdout)["profile"]
        uid_total += 1
        uid_agree += inferred["runAsUser"] == curated["runAsUser"]
        inferred_paths = [p["path"] for p in inferred["writablePaths"]]
        if show_misses and inferred["runAsUser"] != curated["runAsUser"]:
            print(f"uid {item['file']}: inferred {inferred['runAsUser']}, curated {curated['runAsUser']}")
        for path in (p["path"] for p in curated["writablePaths"]):
            paths_total += 1
            found = any(covers(candidate, path) for candidate in inferred_paths)
            paths_found += found
            if show_misses and not found:
                print(f"path {item['file']}: {path} not covered; inferred {', '.join(inferred_paths) or 'none'}")
        for candidate in inferred_paths:
            for protected in curated["protectedPaths"]:
                if covers(candidate, protected):
                    unsafe.append(f"{item['file']}: {candidate} hides {protected}")
finally:
    shutil.rmtree(work, ignore_errors=True)

print(f"Dockerfiles inferred: {uid_total}")
print(f"UID agreement: {uid_agree}/{uid_total} = {100 * uid_agree / max(uid_total, 1):.1f}%")
print(f"writable-path recall: {paths_found}/{paths_total} = {100 * paths_found / max(paths_total, 1):.1f}%")
print(f"mounts on a curated protected path: {len(unsafe)}")
for line in unsafe:
    print("  " + line)
