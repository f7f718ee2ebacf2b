#!/usr/bin/env bash
# Runs the vector tests on a perturbed copy of Pod.Tests/Vectors (tools/vector-perturb/perturb.mjs): ids
# renamed, cases shuffled, half of every section dropped, unknown fields added, sections reordered. The
# tests select cases by content, so they must pass on it unchanged.
#
#   bash tools/vector-perturb/run.sh [seed] [extra dotnet test arguments]
#
# Without a seed a fresh one is drawn; it is printed so a failure can be replayed.
set -euo pipefail
cd "$(dirname "$0")/../.."

seed=${1:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
shift || true
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "vector perturbation seed: $seed (replay: bash tools/vector-perturb/run.sh $seed)"
node tools/vector-perturb/perturb.mjs "$seed" Pod.Tests/Vectors "$out"
POD_VECTORS_DIR="$out" dotnet test Pod.Tests --filter "Category=Vectors" "$@"
