#!/usr/bin/env bash
# Concurrent idempotent retries of POST /issue (docs/tls-issuer.md, "Concurrent retries"): the TLS issuer (LoadHost,
# STORE: sqlite by default, memory, or postgres:SCHEMA with $POD_LOAD_POSTGRES) under wrk at 8 and 32 connections
# (2 threads), each prepared body posted by every connection of a thread in a row (POD_LOAD_COPIES), so the copies of a
# fresh body race its first issuance. Every answer must be 200 (the one POD): the lines print "unexpected" (post-bodies.lua,
# any status but 200) and "non2xx" (wrk's "Non-2xx or 3xx responses"), both 0 unless a retry regressed. "reused" > 0
# means the bodies ran out and the run's tail posted the last body again (raise POD_LOAD_ISSUE_BODIES). Checks only, no
# figures to record: not part of test.sh or CI. Needs wrk (apt-get install wrk).
# Usage: eng/load/retries.sh [SECONDS] [STORE]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dotnet build eng/load/LoadHost -c Release -v q -nologo >/dev/null
host=eng/load/LoadHost/bin/Release/net10.0/LoadHost
work=$(mktemp -d /tmp/pod-retries-XXXXXX)
store=${2:-sqlite:$work/issuer.db}
issuer_pid=
cleanup() { if [ -n "$issuer_pid" ]; then kill "$issuer_pid" 2>/dev/null || true; wait "$issuer_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
. eng/load/lib.sh

per_run=${POD_LOAD_ISSUE_BODIES:-2500}
"$host" tls-issuer "$store" "$work/issue-bodies.txt" $((per_run * 2)) >"$work/issuer.out" 2>"$work/issuer.err" &
issuer_pid=$!
issuer=$(wait_for "$work/issuer.out" listening)
wait_for "$work/issuer.out" ready >/dev/null
split -d -a 2 -l "$per_run" "$work/issue-bodies.txt" "$work/issue-run-"
echo "# date $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) cpus $(nproc) store ${store%%:*} seconds $seconds"
status=0
run=0
for clients in 8 32; do
    out=$(POD_LOAD_PATH=/issue POD_LOAD_THREADS=2 POD_LOAD_COPIES=$((clients / 2)) POD_LOAD_BODIES=$(printf '%s/issue-run-%02d' "$work" "$run") \
        wrk_line -t2 -c"$clients" -d"${seconds}s" -s eng/load/post-bodies.lua "$issuer")
    run=$((run + 1))
    echo "issue-retries clients=$clients copies=$((clients / 2)) load=$(cut -d' ' -f1 /proc/loadavg) $out"
    case "$out" in *" unexpected=0 "*" non2xx=0") ;; *) status=1 ;; esac
done
exit "$status"
