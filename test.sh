#!/usr/bin/env bash
# The tests, on a fresh machine: makes sure a PostgreSQL server is there for the nullifier registry's
# store tests (installs Debian's postgresql and starts it on 127.0.0.1 unless POD_TEST_POSTGRES already
# names a server), builds the demo pages (tools/demo-web) and installs Debian's chromium for their browser tests, builds
# Pod.Native's C kernels with CMake, then runs `dotnet test Pod.sln -c Release`
# with any extra arguments given; without any, it also runs the vector tests on a perturbed copy of the
# vectors (tools/vector-perturb; POD_VECTOR_SEED replays a seed) and the MSM and proving tests once more on
# the managed code (POD_NATIVE=0), then the consumer test (eng/consumer-test.sh: the README example and an app
# using every package built against the packed packages, and the pod tool installed from its package). Safe to run again on a machine where it already ran.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n==> %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
    echo "The tests need the .NET 10 SDK on PATH; none was found." >&2
    exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -z "${POD_TEST_POSTGRES:-}" ]; then
    # PostgreSQL from Debian's packages, on 127.0.0.1 only. Pod.Tests reads its connection string from
    # POD_TEST_POSTGRES and fails (never skips) the PostgreSQL tests without it.
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "PostgreSQL is not installed and installing it needs root: run .ci/run as root." >&2
            exit 1
        fi
        step "Installing PostgreSQL (apt-get update; apt-get install postgresql)"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
    else
        step "PostgreSQL is installed already"
    fi

    pg_version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    pg_cluster=main
    if ! pg_lsclusters --no-header | awk -v v="$pg_version" -v c="$pg_cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
        step "Creating PostgreSQL cluster $pg_version/$pg_cluster"
        pg_createcluster "$pg_version" "$pg_cluster"
    fi
    pg_port=$(pg_lsclusters --no-header | awk -v v="$pg_version" -v c="$pg_cluster" '$1 == v && $2 == c { print $3 }')
    pg_status=$(pg_lsclusters --no-header | awk -v v="$pg_version" -v c="$pg_cluster" '$1 == v && $2 == c { print $4 }')

    # Debian's postgresql.conf reads conf.d/; our file there keeps the server on loopback IPv4 only.
    pg_conf=/etc/postgresql/$pg_version/$pg_cluster/conf.d/pod-ci.conf
    pg_settings="# Written by Pod's .ci/run: listen on 127.0.0.1 only.
    listen_addresses = '127.0.0.1'"
    if [ ! -f "$pg_conf" ] || [ "$(cat "$pg_conf")" != "$pg_settings" ]; then
        step "Setting PostgreSQL $pg_version/$pg_cluster to listen on 127.0.0.1 only ($pg_conf)"
        printf '%s\n' "$pg_settings" >"$pg_conf"
        if [ "$pg_status" = online ]; then
            step "Restarting PostgreSQL $pg_version/$pg_cluster on 127.0.0.1:$pg_port"
            pg_ctlcluster "$pg_version" "$pg_cluster" restart
        fi
    fi
    if [ "$pg_status" != online ]; then
        step "Starting PostgreSQL $pg_version/$pg_cluster on 127.0.0.1:$pg_port"
        pg_ctlcluster "$pg_version" "$pg_cluster" start
    else
        step "PostgreSQL $pg_version/$pg_cluster is running on port $pg_port"
    fi
    pg_isready -q -h 127.0.0.1 -p "$pg_port" -t 30

    # The role's password is made once and kept in a root-only file, so runs that overlap (two
    # checkouts testing at once) never pull the password from under each other.
    pg_password_file="${XDG_STATE_HOME:-${HOME:-/root}/.local/state}/pod/postgres-pod_ci.password"
    if [ ! -s "$pg_password_file" ]; then
        mkdir -p "$(dirname "$pg_password_file")"
        (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$pg_password_file")
    fi
    pg_password=$(cat "$pg_password_file")
    step "Creating role and database pod_ci (if missing) with the kept password"
    runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -p "$pg_port" -d postgres -v password="$pg_password" <<'SQL'
SELECT 'CREATE ROLE pod_ci LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pod_ci')\gexec
ALTER ROLE pod_ci WITH LOGIN PASSWORD :'password';
SELECT 'CREATE DATABASE pod_ci OWNER pod_ci' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'pod_ci')\gexec
SQL
    export POD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=pod_ci;Password=$pg_password;Database=pod_ci"
    echo "POD_TEST_POSTGRES=Host=127.0.0.1;Port=$pg_port;Username=pod_ci;Password=(hidden);Database=pod_ci"
fi

# The GPC circuit artifacts (GPL-licensed, not part of Pod) for the interop tests, pinned by
# tools/gpc-artifacts/package-lock.json; the tests check every file against its SHA-256 as well.
if [ -z "${POD_GPC_ARTIFACTS:-}" ]; then
    artifacts=tools/gpc-artifacts/node_modules/@pcd/proto-pod-gpc-artifacts
    if [ ! -f "$artifacts/package.json" ]; then
        if ! command -v npm >/dev/null 2>&1; then
            echo "The GPC interop tests need npm (Node.js) to install @pcd/proto-pod-gpc-artifacts; none was found." >&2
            exit 1
        fi
        step "Installing @pcd/proto-pod-gpc-artifacts (npm ci in tools/gpc-artifacts)"
        npm ci --prefix tools/gpc-artifacts --no-audit --no-fund
    fi
    export POD_GPC_ARTIFACTS="$PWD/$artifacts"
fi

# snarkjs (the reference prover and witness calculator), pinned by tools/snarkjs/package-lock.json, for
# the proving tests: witnesses compared byte for byte, our proofs checked by groth16.verify.
if [ -z "${POD_SNARKJS:-}" ]; then
    if [ ! -f tools/snarkjs/node_modules/snarkjs/package.json ]; then
        step "Installing snarkjs (npm ci in tools/snarkjs)"
        npm ci --prefix tools/snarkjs --no-audit --no-fund
    fi
    export POD_SNARKJS="$PWD/tools/snarkjs"
fi

# @pcd/gpc 0.4.1 (pinned by tools/gpc-reference/package-lock.json): gpcVerify checks the proofs GpcProver makes.
if [ -z "${POD_GPC_REFERENCE:-}" ]; then
    if [ ! -f tools/gpc-reference/node_modules/@pcd/gpc/package.json ]; then
        step "Installing @pcd/gpc (npm ci in tools/gpc-reference)"
        npm ci --prefix tools/gpc-reference --no-audit --no-fund
    fi
    export POD_GPC_REFERENCE="$PWD/tools/gpc-reference"
fi

# The live differential against @pcd/pod and @pcd/gpc (Pod.Tests/Differential, tools/gpc-reference/differential.cjs)
# draws its random cases from one seed: a fresh one each run, printed so a failure can be replayed with
# POD_DIFF_SEED=n; POD_DIFF_SCALE=k runs k times as many cases.
export POD_DIFF_SEED="${POD_DIFF_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ' | awk '{ print $1 % 2147483647 }')}"
step "Live differential seed: POD_DIFF_SEED=$POD_DIFF_SEED (scale ${POD_DIFF_SCALE:-1})"

# @pcd/pod-ticket-pcd 0.5.1 (pinned by tools/pod-ticket-reference/package-lock.json): Zupass's ticket schema reads
# the ticket PODs the samples issue.
if [ -z "${POD_TICKET_REFERENCE:-}" ]; then
    if [ ! -f tools/pod-ticket-reference/node_modules/@pcd/pod-ticket-pcd/package.json ]; then
        step "Installing @pcd/pod-ticket-pcd (npm ci in tools/pod-ticket-reference)"
        npm ci --prefix tools/pod-ticket-reference --no-audit --no-fund
    fi
    export POD_TICKET_REFERENCE="$PWD/tools/pod-ticket-reference"
fi

# @msgpack/msgpack for the differential test of our MessagePack POD layout, pinned by
# tools/msgpack-differential/package-lock.json.
if [ ! -f tools/msgpack-differential/node_modules/@msgpack/msgpack/package.json ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "The MessagePack differential test needs npm (Node.js) to install @msgpack/msgpack; none was found." >&2
        exit 1
    fi
    step "Installing @msgpack/msgpack (npm ci in tools/msgpack-differential)"
    npm ci --prefix tools/msgpack-differential --no-audit --no-fund
fi

# The demo pages (docs/demo.md) for the browser tests: built with Vite from tools/demo-web, pinned by its package-lock.json
# (@pcd/gpc, @pcd/pod, @semaphore-protocol/identity, qrcode), rebuilt only when a source is newer than the last build.
if [ ! -f tools/demo-web/node_modules/vite/package.json ]; then
    step "Installing the demo pages' packages (npm ci in tools/demo-web)"
    npm ci --prefix tools/demo-web --no-audit --no-fund
fi
if [ ! -f tools/demo-web/dist/.built ] || [ -n "$(find tools/demo-web/src tools/demo-web/*.html tools/demo-web/vite.config.js tools/demo-web/package-lock.json -newer tools/demo-web/dist/.built 2>/dev/null | head -n 1)" ]; then
    step "Building the demo pages (vite build in tools/demo-web)"
    npm run build --prefix tools/demo-web
    touch tools/demo-web/dist/.built
fi

# Debian's chromium, which Playwright drives headless for the demo tests (never a browser Playwright downloads).
if [ -z "${POD_CHROMIUM:-}" ] && [ ! -x /usr/lib/chromium/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "The demo tests need Debian's chromium, and installing it needs root: run .ci/run as root (or set POD_CHROMIUM)." >&2
        exit 1
    fi
    step "Installing chromium (apt-get install chromium)"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

# Pod.Native (docs/native.md): the optional C kernels, built with CMake into Pod.Native/build, from where
# Pod.Core's project copies libpodnative.so into every output that references it. CMake, make and a C
# compiler come from Debian's packages when missing.
if ! command -v cmake >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1 || ! command -v make >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Building Pod.Native needs cmake, make and a C compiler, and installing them needs root: run .ci/run as root." >&2
        exit 1
    fi
    step "Installing cmake, gcc and make (apt-get install cmake gcc libc6-dev make)"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends cmake gcc libc6-dev make
fi
step "Building Pod.Native (cmake, Release)"
cmake -S Pod.Native -B Pod.Native/build -DCMAKE_BUILD_TYPE=Release
cmake --build Pod.Native/build
step "Pod.Native's C tests with AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S Pod.Native -B Pod.Native/build-sanitize -DCMAKE_BUILD_TYPE=Debug -DPOD_NATIVE_SANITIZE=ON
cmake --build Pod.Native/build-sanitize --target podnative_tests
ctest --test-dir Pod.Native/build-sanitize --output-on-failure

step "dotnet test Pod.sln -c Release"
# Release: the field, curve and proving code is what most tests exercise, and unoptimised it runs 10-50x slower.
dotnet test Pod.sln -c Release "$@"

# The vector tests again, on a perturbed copy of the vectors (ids renamed, cases shuffled, half dropped,
# unknown fields added, sections reordered) with a fresh seed, printed so a failure can be replayed: they
# must hold on any vector set of these schemas. Only with the full suite (no extra arguments).
if [ "$#" -eq 0 ]; then
    step "Vector tests on a perturbed copy of the vectors (tools/vector-perturb/run.sh)"
    bash tools/vector-perturb/run.sh "${POD_VECTOR_SEED:-}" -c Release --no-build
fi

# The run above used the native kernels where they passed their self-test; the multi-scalar multiplications,
# the FFTs, Poseidon, the content IDs, the native-kernel tests, Groth16 verification (the public-input point) and the
# in-process proving tests run once more on the managed code alone.
step "The MSM, FFT, Poseidon, content ID, Groth16 verification and proving tests again with POD_NATIVE=0 (managed code only)"
POD_NATIVE=0 dotnet test Pod.Tests -c Release --no-build --filter \
    "FullyQualifiedName~Pod.Tests.Core.MultiScalarMultiplicationTests|FullyQualifiedName~Pod.Tests.Core.NativeKernelsTests|FullyQualifiedName~Pod.Tests.Core.FrDomainTests|FullyQualifiedName~Pod.Tests.Core.PoseidonTests|FullyQualifiedName~Pod.Tests.Gpc.Groth16Tests|FullyQualifiedName~PodPropertyTests.ContentId|FullyQualifiedName~Groth16ProverTests.Prove_SameWitnessTwice|FullyQualifiedName~Groth16ProverTests.Prove_TamperedWitness|FullyQualifiedName~Groth16ProverTests.ProofJson"

step "Consumer test: every packed package and the pod tool (eng/consumer-test.sh)"
bash eng/consumer-test.sh
