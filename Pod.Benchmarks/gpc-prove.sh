#!/usr/bin/env bash
# gpcProve end to end in one sitting: Pod's GpcProver and @pcd/gpc 0.4.1's gpcProve (node) prove the same ticket POD,
# config and owner identity on the cheapest and the dearest circuit of the family, each RUNS times after one untimed
# proof; prints the machine, its load and each median. Needs test.sh to have run (the artifacts) and
# `npm ci --prefix Pod.Benchmarks/reference-gpc`.
#   bash Pod.Benchmarks/gpc-prove.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
artifacts=${POD_GPC_ARTIFACTS:-$PWD/tools/gpc-artifacts/node_modules/@pcd/proto-pod-gpc-artifacts}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release Pod.Benchmarks -v q -nologo >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
dotnet Pod.Benchmarks/bin/Release/net10.0/Pod.Benchmarks.dll gpc-prove "$artifacts" "$work/jobs.json" "$runs"
node Pod.Benchmarks/reference-gpc/gpcprove.mjs "$work/jobs.json" "$artifacts" "$runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
