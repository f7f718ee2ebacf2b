#!/usr/bin/env bash
# The consumer test: packs Pod.Core as a pre-release with a unique version, creates a fresh console project
# outside the repository (so none of our build settings apply) that references the package from a local
# folder, builds the README's example with -warnaserror and runs it. Run by test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "consumer test: $*" >&2; exit 1; }

# The README's example, the csharp block under "## Using it"; Pod.Core's package README shows the same code.
extract() { awk '/^## Using it/ { section = 1 } section && /^```csharp/ { inside = 1; next } inside && /^```/ { exit } inside { print }' "$1"; }
example=$(extract README.md)
[ -n "$example" ] || fail "README.md has no csharp block under '## Using it'."
package_example=$(awk '/^```csharp/ { inside = 1; next } inside && /^```/ { exit } inside { print }' Pod.Core/README.md)
[ "$example" = "$package_example" ] || fail "Pod.Core/README.md's example differs from README.md's."

work=$(mktemp -d)
version="$(dotnet msbuild Pod.Core/Pod.Core.csproj -getProperty:VersionPrefix)-consumer.$(date -u +%Y%m%d%H%M%S).$$"
packages_root=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
# The unique version keeps a stale package from an earlier run out of the restore; it is removed again here.
cleanup() { rm -rf "$work" "${packages_root%/}/pod.core/$version"; }
trap cleanup EXIT

echo "consumer test: packing Pod.Core $version"
dotnet pack Pod.Core/Pod.Core.csproj -c Release -o "$work/packages" -p:Version="$version" -v q -nologo

mkdir "$work/app"
printf '%s\n' "$example" >"$work/app/Program.cs"
cat >"$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="pod-local" value="$work/packages" />
  </packageSources>
</configuration>
XML
cat >"$work/app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Pod.Core" Version="$version" />
  </ItemGroup>
</Project>
XML

echo "consumer test: building the README example with -warnaserror"
dotnet build "$work/app/Consumer.csproj" -c Release -warnaserror -v q -nologo
output=$(dotnet "$work/app/bin/Release/net10.0/Consumer.dll")
[ "$output" = "True" ] || fail "the README example printed '$output', not True."
echo "consumer test: the README example built from the package and printed True"
