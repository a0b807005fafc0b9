#!/usr/bin/env bash
# `harden resolve` as a whole process against the sqlite3 shell answering the same indexed query:
#   bench/resolve-vs-sqlite.sh [runs]
# Needs hyperfine and sqlite3 from Debian:
#   apt-get install -y hyperfine sqlite3
# Both read the same knowledge-base file (harden through its cache, as an installed harden does after its first
# run). harden is built as the README's install section and the Dockerfile build it (the Swift runtime linked
# statically) and stripped as an installed binary would be. Also measured: `harden --version` (starting the process
# and swift-argument-parser's parse, which a plain `harden resolve REF` skips) and "harden start-up", the same resolve
# pointed at a knowledge base that does not exist, which starts the process and stops before reading anything.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-40}
reference=nginx:1.27

build=(swift build -c release --static-swift-stdlib --scratch-path .build-static)
"${build[@]}" --product harden >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$("${build[@]}" --show-bin-path)/harden" "$work/harden"
strip "$work/harden"
export HARDEN_CACHE_DIR="$work/cache"
"$work/harden" resolve "$reference" >/dev/null  # builds the cache once
database=$(ls "$HARDEN_CACHE_DIR"/knowledge-*.sqlite)

# What resolve reads for one reference: the entry by repository, its variants with their tag patterns, user and
# writable paths, through the same indexes.
query="SELECT image.repository, variant.name, tagPattern.pattern, variantUser.uid, variantUser.gid, writablePath.path
FROM image JOIN variant ON variant.imageId = image.id
JOIN variantUser ON variantUser.variantId = variant.id
LEFT JOIN tagPattern ON tagPattern.variantId = variant.id
LEFT JOIN writablePath ON writablePath.variantId = variant.id
WHERE image.repository = 'docker.io/library/nginx';"
[ -n "$(sqlite3 -readonly "$database" "$query")" ] || { echo "the query found nothing in $database"; exit 1; }

echo "load average before: $(cut -d' ' -f1 /proc/loadavg)"
hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/times.json" \
  -n "harden resolve" "$work/harden resolve $reference" \
  -n "harden --version" "$work/harden --version" \
  -n "sqlite3" "sqlite3 -readonly $database \"$query\"" | grep -E "Benchmark|Time"
# The same resolve with a knowledge base that does not exist: the process starts, fails to open it and exits 4.
HARDEN_DB="$work/absent.sqlite" hyperfine -N --ignore-failure --warmup 5 --runs "$runs" \
  --export-json "$work/start.json" -n "harden start-up" "$work/harden resolve $reference" | grep -E "Benchmark|Time"
python3 - "$work/times.json" "$work/start.json" <<'PY'
import json, sys
results = {r["command"]: r for path in sys.argv[1:] for r in json.load(open(path))["results"]}
sqlite = results["sqlite3"]["mean"]
for name in ("harden resolve", "harden --version", "harden start-up"):
    print(f"{name}: {results[name]['mean'] * 1000:.1f} ms, {results[name]['mean'] / sqlite:.1f}x sqlite3's {sqlite * 1000:.1f} ms")
PY
echo "load average after: $(cut -d' ' -f1 /proc/loadavg)"
