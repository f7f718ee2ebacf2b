#!/usr/bin/env bash
# The consumer test: packs every Pod package (the libraries and the pod tool) as a pre-release with a unique
# version, creates fresh console projects outside the repository (so none of our build settings apply) that
# reference the packages from a local folder, builds the README's example and an app that uses each package
# with -warnaserror and runs them, checks that Pod.Identity and Pod.Gpc bring no database driver, and installs
# and runs the pod tool from the packed package. Run by test.sh.
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
libraries="Pod.Core Pod.Identity Pod.Gpc Pod.Gpc.Proving Pod.Issuers.Tls Pod.Storage.Sqlite Pod.Storage.PostgreSql Pod.Hosting"
# The unique version keeps a stale package from an earlier run out of the restore; it is removed again here.
cleanup() {
    rm -rf "$work"
    for id in $libraries Pod.Cli; do
        rm -rf "${packages_root%/}/$(echo "$id" | tr '[:upper:]' '[:lower:]')/$version"
    done
}
trap cleanup EXIT

for id in $libraries Pod.Cli; do
    echo "consumer test: packing $id $version"
    dotnet pack "$id/$id.csproj" -c Release -o "$work/packages" -p:Version="$version" -v q -nologo
done

# A dependency of one feature stays in its room: identities and GPC verification bring no database driver.
for id in Pod.Identity Pod.Gpc; do
    # dotnet pack leaves the nuspec it packed in obj/ (no unzip needed on a bare machine).
    nuspec_file="$id/obj/Release/$id.$version.nuspec"
    [ -f "$nuspec_file" ] || fail "dotnet pack left no $nuspec_file."
    nuspec=$(cat "$nuspec_file")
    if printf '%s' "$nuspec" | grep -Eq 'id="(Microsoft\.Data\.Sqlite|SQLitePCLRaw[^"]*|Npgsql)"'; then
        fail "$id depends on a database driver: $(printf '%s' "$nuspec" | grep -Eo 'id="[^"]*"' | tr '\n' ' ')"
    fi
done

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

# Every library in use: an app referencing all the packages, built with -warnaserror and run.
mkdir "$work/all"
cp "$work/app/nuget.config" "$work/all/nuget.config"
references=""
for id in $libraries; do
    references="$references    <PackageReference Include=\"$id\" Version=\"$version\" />
"
done
cat >"$work/all/All.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
$references    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
  </ItemGroup>
</Project>
XML
cp eng/consumer/AllPackages.cs "$work/all/Program.cs"
echo "consumer test: building an app that uses every package, with -warnaserror"
dotnet build "$work/all/All.csproj" -c Release -warnaserror -v q -nologo
output=$(cd "$work/all" && dotnet bin/Release/net10.0/All.dll)
printf '%s\n' "$output"
[ "$(printf '%s\n' "$output" | tail -n 1)" = "every package: ok" ] || fail "the app using every package did not finish with 'every package: ok'."

# The pod tool, installed from its package.
echo "consumer test: installing the pod tool from its package"
dotnet tool install Pod.Cli --tool-path "$work/tool" --add-source "$work/packages" --version "$version" -v q >/dev/null
"$work/tool/pod" identity new --out "$work/tool/me.identity" --json >/dev/null
"$work/tool/pod" identity commitment --identity "$work/tool/me.identity" --json | grep -q '"commitment"' \
    || fail "the installed pod tool did not print an identity's commitment."
"$work/tool/pod" verifier serve --help | grep -q -- '--urls' || fail "the installed pod tool has no 'verifier serve --urls'."
"$work/tool/pod" issuer serve --help | grep -q -- '--config' || fail "the installed pod tool has no 'issuer serve --config'."
echo "consumer test: every package built, ran and the pod tool works"
