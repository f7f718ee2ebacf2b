#!/usr/bin/env bash
# Builds rapidsnark (iden3/rapidsnark v0.0.6, the native Groth16 prover with x86-64 assembly field code),
# the anchor the proving benchmarks compare against, if it is not built yet. Never committed: its
# sources and binary stay in Pod.Benchmarks/rapidsnark/.build (git-ignored).
#
#   bash Pod.Benchmarks/rapidsnark/build.sh RAPIDSNARK_GIT FFIASM_GIT JSON_GIT
#
# Each argument is a git directory (a clone or bare mirror) of iden3/rapidsnark, iden3/ffiasm and
# nlohmann/json; the pinned commits are checked out of them (a source archive of rapidsnark lacks its
# submodules). Needs Debian's nasm, libgmp-dev, cmake and g++ (installed when missing, as root).
# Prints the prover's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/.build"
prover="$build/rapidsnark/build/src/prover"
if [ -x "$prover" ]; then
    echo "$prover"
    exit 0
fi

if [ $# -ne 3 ]; then
    echo "usage: $0 RAPIDSNARK_GIT FFIASM_GIT JSON_GIT" >&2
    exit 2
fi

missing=()
command -v nasm >/dev/null || missing+=(nasm)
[ -f /usr/include/gmp.h ] || [ -f /usr/include/x86_64-linux-gnu/gmp.h ] || missing+=(libgmp-dev)
command -v cmake >/dev/null || missing+=(cmake)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

checkout() { # git-dir commit target
    rm -rf "$3"
    mkdir -p "$3"
    git --git-dir="$1" archive "$2" | tar -x -C "$3"
}

mkdir -p "$build"
checkout "$1" 3ea6c4d "$build/rapidsnark"          # tag v0.0.6
checkout "$2" b9dce0a "$build/rapidsnark/depends/ffiasm"
checkout "$3" 350ff4f "$build/rapidsnark/depends/json"
cd "$build/rapidsnark"
mkdir -p build && cd build
cmake .. -DCMAKE_BUILD_TYPE=Release >&2
make -j"$(nproc)" prover >&2
echo "$prover"
