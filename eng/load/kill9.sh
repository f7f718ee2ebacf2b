#!/usr/bin/env bash
# kill -9 under load: a writer process (CLIENTS concurrent writers) registers nullifiers (the registry) or commits
# issuances (the TLS issuer store), printing each key once its write returned; after SECONDS it is killed with SIGKILL
# mid-write, and a fresh process counts the acknowledged keys missing from the store (must be 0). For SQLite and
# PostgreSQL, ROUNDS times each. Measuring only: not part of test.sh or CI.
# PostgreSQL: $POD_LOAD_POSTGRES (an Npgsql connection string); unset, the script (as root, with Debian's postgresql
# running, as test.sh sets it up) creates a role and database pod_load with a fresh password of its own.
# Usage: eng/load/kill9.sh [SECONDS] [ROUNDS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-8}
rounds=${2:-3}
clients=${3:-16}
dotnet build eng/load/LoadHost -c Release -v q -nologo >/dev/null
host=eng/load/LoadHost/bin/Release/net10.0/LoadHost
work=$(mktemp -d /tmp/pod-kill9-XXXXXX)
schemas=()
cleanup() {
    if [ ${#schemas[@]} -gt 0 ] && [ -n "${pg_port:-}" ]; then
        for s in "${schemas[@]}"; do runuser -u postgres -- psql -q -X -p "$pg_port" -d pod_load -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS \"$s\" CASCADE" >/dev/null; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${POD_LOAD_POSTGRES:-}" ]; then
    pg_port=$(pg_lsclusters --no-header | awk '$4 == "online" { print $3; exit }')
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -p "$pg_port" -d postgres -v password="$password" >/dev/null <<'SQL'
SELECT 'CREATE ROLE pod_load LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pod_load')\gexec
ALTER ROLE pod_load WITH LOGIN PASSWORD :'password';
SELECT 'CREATE DATABASE pod_load OWNER pod_load' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'pod_load')\gexec
SQL
    export POD_LOAD_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=pod_load;Password=$password;Database=pod_load;Maximum Pool Size=$((clients + 4))"
fi

echo "# date $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) cpus $(nproc) clients $clients seconds $seconds"
status=0
for round in $(seq 1 "$rounds"); do
    for kind in registry tls; do
        for backend in sqlite postgres; do
            if [ "$backend" = sqlite ]; then
                store="sqlite:$work/$kind-$round.db"
            else
                schema="pod_load_${kind}_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
                schemas+=("$schema")
                store="postgres:$schema"
            fi
            acked="$work/$kind-$backend-$round.acked"
            "$host" store-writer "$kind" "$store" "$clients" >"$acked" 2>"$acked.err" &
            writer=$!
            sleep "$seconds"
            kill -9 "$writer"
            if [ -s "$acked.err" ]; then echo "writer stderr:" >&2; head -5 "$acked.err" >&2; fi
            wait "$writer" 2>/dev/null || true
            if ! result=$("$host" store-check "$kind" "$store" "$acked"); then status=1; fi
            echo "round $round: $result"
        done
    done
done
exit $status
