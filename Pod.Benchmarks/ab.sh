#!/usr/bin/env bash
# Same-sitting A/B of BenchmarkDotNet benchmarks: a base commit against the working tree, each built once and run
# alternately, in process with the short job, ROUNDS times; prints each side's mean per benchmark and run, and the
# ratio new/old of the medians. For the quiet sitting: under load, read only whether a ratio is far from 1.
#   bash Pod.Benchmarks/ab.sh BASE_REF 'FILTER' [ROUNDS]
#   bash Pod.Benchmarks/ab.sh main '*GpcBenchmarks*' 3
set -euo pipefail
base=$1
filter=$2
rounds=${3:-3}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d -t pod-ab-XXXXXX)
mkdir -p "$work/old-src" "$work/runs"
git -C "$root" archive "$base" | tar -x -C "$work/old-src"
dotnet build -c Release "$work/old-src/Pod.Benchmarks/Pod.Benchmarks.csproj" -o "$work/old" > "$work/old-build.log"
dotnet build -c Release "$root/Pod.Benchmarks/Pod.Benchmarks.csproj" -o "$work/new" > "$work/new-build.log"
for round in $(seq "$rounds"); do
    for side in old new; do
        run="$work/runs/$side-$round"
        mkdir -p "$run"
        (cd "$run" && dotnet "$work/$side/Pod.Benchmarks.dll" --filter "$filter" --job short --inProcess --exporters json > run.log)
    done
done
python3 - "$work/runs" <<'PY'
import glob, json, os, statistics, sys
means = {}
for path in glob.glob(os.path.join(sys.argv[1], "*", "BenchmarkDotNet.Artifacts", "results", "*-report-full*.json")):
    side = os.path.basename(path.split("/BenchmarkDotNet.Artifacts/")[0]).split("-")[0]
    for b in json.load(open(path))["Benchmarks"]:
        means.setdefault(b["FullName"], {}).setdefault(side, []).append(b["Statistics"]["Mean"])
for name, sides in sorted(means.items()):
    old, new = statistics.median(sides.get("old", [float("nan")])), statistics.median(sides.get("new", [float("nan")]))
    print(f"{name}: old {[round(m / 1000, 1) for m in sides.get('old', [])]} us, new {[round(m / 1000, 1) for m in sides.get('new', [])]} us, new/old {new / old:.2f}")
PY
echo "runs kept in $work"
