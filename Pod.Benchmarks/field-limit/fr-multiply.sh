#!/usr/bin/env bash
# One Fr Montgomery multiplication at its limit on this machine: Pod.Native's MULX and portable kernels
# against ffiasm's assembly (rapidsnark's field code), in C, one process (fr-multiply.c says what is timed).
# Needs Pod.Native built (test.sh, or cmake as below) and rapidsnark built by Pod.Benchmarks/rapidsnark/build.sh
# (its build directory holds ffiasm's generated fr_asm.o).
#   bash Pod.Benchmarks/field-limit/fr-multiply.sh [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ffiasm="$root/Pod.Benchmarks/rapidsnark/.build/rapidsnark/build/fr_asm.o"
library="$root/Pod.Native/build/libpodnative.so"
if [ ! -f "$ffiasm" ]; then
    echo "ffiasm's fr_asm.o not found: build rapidsnark first (bash Pod.Benchmarks/rapidsnark/build.sh ...)" >&2
    exit 2
fi
if [ ! -f "$library" ]; then
    cmake -S "$root/Pod.Native" -B "$root/Pod.Native/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/Pod.Native/build" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -std=c11 -I"$root/Pod.Native/include" "$here/fr-multiply.c" "$ffiasm" -Wl,-z,noexecstack -ldl -o "$work/fr-multiply"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
"$work/fr-multiply" "$library" "${1:-9}"
