#!/usr/bin/env bash
# The libraries' declared public API (Microsoft.CodeAnalysis.PublicApiAnalyzers: PublicAPI.Shipped.txt and
# PublicAPI.Unshipped.txt beside each library's csproj; the build fails on an undeclared or vanished symbol).
#   bash eng/public-api.sh          declare what changed: new symbols into PublicAPI.Unshipped.txt, removed ones out
#   bash eng/public-api.sh ship     at a release: fold Unshipped into Shipped
# Review the diff either way: it is the change to what users can call.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-declare}
for csproj in Pod.*/Pod.*.csproj; do
  name=$(basename "$csproj" .csproj)
  case "$name" in *.Tests|*.Benchmarks|*.Samples|*.Cli) continue;; esac
  dir=$(dirname "$csproj")
  for f in Shipped Unshipped; do [ -f "$dir/PublicAPI.$f.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.$f.txt"; done
  if [ "$mode" = ship ]; then
    { echo '#nullable enable'; grep -hv '^#nullable' "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u; } > "$dir/PublicAPI.tmp"
    mv "$dir/PublicAPI.tmp" "$dir/PublicAPI.Shipped.txt"
    printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  else
    echo "== $name"
    dotnet format analyzers "$csproj" --diagnostics RS0016 RS0017 --severity warn -v q
  fi
done
