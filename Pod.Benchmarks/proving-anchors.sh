#!/usr/bin/env bash
# Proving in one sitting: Pod, snarkjs 0.7.6 and rapidsnark v0.0.6 prove the same witnesses (the
# smallest and the largest GPC circuit, inputs from ../shared/prover-inputs), each RUNS times in its own
# process under /usr/bin/time (peak resident memory); prints each median. Needs test.sh to have run
# (artifacts, snarkjs) and rapidsnark built by Pod.Benchmarks/rapidsnark/build.sh.
#   bash Pod.Benchmarks/proving-anchors.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
artifacts=${POD_GPC_ARTIFACTS:-$PWD/tools/gpc-artifacts/node_modules/@pcd/proto-pod-gpc-artifacts}
inputs=${POD_PROVER_INPUTS:-$PWD/../shared/prover-inputs}
prover=Pod.Benchmarks/rapidsnark/.build/rapidsnark/build/src/prover
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release Pod.Benchmarks -v q -nologo >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
# The harness doing nothing: the runtime's own peak, to subtract from Pod's figures (docs/proving.md, "Memory").
echo -n "pod baseline: "; /usr/bin/time -f " peak %M KiB" dotnet Pod.Benchmarks/bin/Release/net10.0/Pod.Benchmarks.dll baseline
for circuit in 1o-1e-5md-0nv-0ei-0x0l-0x0t-0ov3-1ov4 3o-10e-8md-4nv-2ei-4x20l-5x3t-1ov3-1ov4; do
    base="$artifacts/proto-pod-gpc_$circuit"
    printf '[{"wasm":"%s","input":"%s","output":"%s"}]' "$base.wasm" "$inputs/input_$circuit.json" "$work/$circuit.wtns" >"$work/jobs.json"
    node tools/snarkjs/reference.js wtns "$work/jobs.json" >/dev/null
    echo "== $circuit (zkey $(stat -c %s "$base-pkey.zkey") bytes)"
    echo -n "pod:       "; /usr/bin/time -f " peak %M KiB" dotnet Pod.Benchmarks/bin/Release/net10.0/Pod.Benchmarks.dll prove "$base-pkey.zkey" "$work/$circuit.wtns" "$runs"
    echo -n "snarkjs:   "; /usr/bin/time -f " peak %M KiB" node tools/snarkjs/reference.js prove "$base-pkey.zkey" "$work/$circuit.wtns" "$runs"
    if [ -x "$prover" ]; then
        times=()
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            /usr/bin/time -o "$work/rs.time" -f "%M" "$prover" "$base-pkey.zkey" "$work/$circuit.wtns" "$work/p.json" "$work/s.json"
            times+=($(( ($(date +%s%N) - start) / 1000000 )))
        done
        echo "rapidsnark: median $(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms (${times[*]}), peak $(cat "$work/rs.time") KiB (process start included)"
    else
        echo "rapidsnark: not built (bash Pod.Benchmarks/rapidsnark/build.sh ...)"
    fi
done
