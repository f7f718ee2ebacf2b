#!/usr/bin/env bash
# Throughput and p50/p99 latency of POST /nonce, /issue (TLS issuer, SQLite store) and /verify (GPC verifier) at 1, 8
# and 32 connections on 127.0.0.1, with wrk, in one sitting; REPEATS runs of SECONDS each per cell (median reported by
# the caller); RSS of both services before and after. Measuring only: not part of test.sh or CI.
# Needs: wrk (apt-get install wrk), the GPC artifacts (npm ci --prefix tools/gpc-artifacts), the vectors
# (POD_VECTORS, default ../shared/vectors). Each line counts the answers other than the expected status ("unexpected")
# and wrk's "Non-2xx or 3xx responses" ("non2xx"); an /issue cell whose bodies ran out ("reused" > 0) posts its last
# body again and again, idempotent retries (eng/load/retries.sh checks those on purpose).
# Usage: eng/load/throughput.sh [SECONDS] [REPEATS] > results.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
repeats=${2:-3}
vectors=${POD_VECTORS:-../shared/vectors}
artifacts=${POD_GPC_ARTIFACTS:-$PWD/tools/gpc-artifacts/node_modules/@pcd/proto-pod-gpc-artifacts}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dotnet build eng/load/LoadHost -c Release -v q -nologo >/dev/null
host=eng/load/LoadHost/bin/Release/net10.0/LoadHost
work=$(mktemp -d /tmp/pod-load-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

. eng/load/lib.sh

# Bodies for every /issue run, made before any measurement (sessions live 10 minutes: the sitting must fit).
per_run=${POD_LOAD_ISSUE_BODIES:-2500}
runs=$((3 * repeats))
"$host" tls-issuer "sqlite:$work/issuer.db" "$work/issue-bodies.txt" $((per_run * runs)) >"$work/issuer.out" 2>"$work/issuer.err" &
pids+=($!); issuer_pid=$!
"$host" verifier "$artifacts" "$vectors/gpc-proofs.json" "$work/registry.db" "$work/verify-body.txt" >"$work/verifier.out" 2>"$work/verifier.err" &
pids+=($!); verifier_pid=$!
issuer=$(wait_for "$work/issuer.out" listening)
verifier=$(wait_for "$work/verifier.out" listening)
wait_for "$work/verifier.out" ready >/dev/null
echo "# verifier circuit: $(wait_for "$work/verifier.out" ready)"
echo "# rss_kib_idle issuer=$(rss_kib $issuer_pid) verifier=$(rss_kib $verifier_pid)"
wait_for "$work/issuer.out" ready >/dev/null
split -d -a 2 -l "$per_run" "$work/issue-bodies.txt" "$work/issue-run-"
# One /verify first registers the nullifier: every measured request is then a full verification answered 409
# nullifier_used (the replay path; a first use differs only by one registry insert).
curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "@$work/verify-body.txt" "$verifier/verify"
echo "# rss_kib_after_setup issuer=$(rss_kib $issuer_pid) verifier=$(rss_kib $verifier_pid)"
echo "# date $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) cpus $(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

run=0
for repeat in $(seq 1 "$repeats"); do
    for clients in 1 8 32; do
        threads=$(( clients < 2 ? 1 : 2 ))
        export POD_LOAD_THREADS=$threads
        out=$(POD_LOAD_PATH=/nonce wrk_line -t"$threads" -c"$clients" -d"${seconds}s" -s eng/load/post-empty.lua "$issuer")
        echo "nonce clients=$clients repeat=$repeat load=$(cut -d' ' -f1 /proc/loadavg) $out"
        out=$(POD_LOAD_PATH=/issue POD_LOAD_BODIES=$(printf '%s/issue-run-%02d' "$work" "$run") wrk_line -t"$threads" -c"$clients" -d"${seconds}s" -s eng/load/post-bodies.lua "$issuer")
        run=$((run + 1))
        echo "issue clients=$clients repeat=$repeat load=$(cut -d' ' -f1 /proc/loadavg) $out"
        out=$(POD_LOAD_PATH=/verify POD_LOAD_EXPECT=409 POD_LOAD_CYCLE=1 POD_LOAD_BODIES="$work/verify-body.txt" wrk_line -t"$threads" -c"$clients" -d"${seconds}s" -s eng/load/post-bodies.lua "$verifier")
        echo "verify clients=$clients repeat=$repeat load=$(cut -d' ' -f1 /proc/loadavg) $out"
    done
done
echo "# rss_kib_after_sitting issuer=$(rss_kib $issuer_pid) verifier=$(rss_kib $verifier_pid)"

# The long run: LONG seconds of /nonce and /verify at 32 connections each, at the same time.
long=${POD_LOAD_LONG_SECONDS:-300}
export POD_LOAD_THREADS=2
(POD_LOAD_PATH=/nonce wrk -t2 -c32 -d"${long}s" -s eng/load/post-empty.lua "$issuer" | grep '^POD ' | sed 's/^POD /long nonce clients=32 /') &
long_pid=$!
POD_LOAD_PATH=/verify POD_LOAD_EXPECT=409 POD_LOAD_CYCLE=1 POD_LOAD_BODIES="$work/verify-body.txt" wrk -t2 -c32 -d"${long}s" -s eng/load/post-bodies.lua "$verifier" | grep '^POD ' | sed 's/^POD /long verify clients=32 /'
wait "$long_pid"
echo "# rss_kib_after_long_run seconds=$long issuer=$(rss_kib $issuer_pid) verifier=$(rss_kib $verifier_pid)"
echo "# date $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
