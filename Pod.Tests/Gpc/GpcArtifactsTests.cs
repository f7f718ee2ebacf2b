using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// GpcArtifacts against a directory laid out as the artifacts package. The verification keys are rebuilt
/// byte for byte from gpc-vkeys.json (the package writes them as JSON.stringify(key, null, 2)), so the
/// real pins are exercised; wasm and zkey files are not in the repository, so only their refusals are.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcArtifactsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pod-gpc-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ReadVerificationKey_PackageFiles_CheckedAndParsed()
    {
        foreach (GpcCircuitDescription circuit in GpcCircuitFamily.All)
        {
            WriteVerificationKey(circuit, circuit);

            var key = new GpcArtifacts(_directory).ReadVerificationKey(circuit);

            Assert.Equal(circuit.PublicSignalCount, key.PublicSignalCount);
        }
    }

    [Fact]
    public void ReadVerificationKey_KeyOfAnotherCircuit_Refused()
    {
        GpcCircuitDescription circuit = GpcCircuitFamily.All[0];
        WriteVerificationKey(circuit, GpcCircuitFamily.All[1]);

        var e = Assert.Throws<InvalidDataException>(() => new GpcArtifacts(_directory).ReadVerificationKey(circuit));

        Assert.Contains(circuit.VerificationKey.FileName, e.Message, StringComparison.Ordinal);
        Assert.Contains("swapped or corrupted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVerificationKey_OneByteChanged_RefusedByHash()
    {
        GpcCircuitDescription circuit = GpcCircuitFamily.All[3];
        WriteVerificationKey(circuit, circuit);
        string path = Path.Combine(_directory, circuit.VerificationKey.FileName);
        byte[] bytes = File.ReadAllBytes(path);
        int digit = Array.IndexOf(bytes, (byte)'7');
        bytes[digit] = (byte)'8';
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => new GpcArtifacts(_directory).ReadVerificationKey(circuit));

        Assert.Contains($"not the pinned {circuit.VerificationKey.Sha256}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_WasmOrProvingKeyMissingOrWrong_Refused()
    {
        GpcCircuitDescription circuit = GpcCircuitFamily.All[0];
        WriteVerificationKey(circuit, circuit);
        var artifacts = new GpcArtifacts(_directory);

        var missing = Assert.Throws<FileNotFoundException>(() => artifacts.Locate(circuit));
        Assert.Contains(circuit.Wasm.FileName, missing.Message, StringComparison.Ordinal);

        File.WriteAllBytes(Path.Combine(_directory, circuit.Wasm.FileName), new byte[100]);
        Assert.Contains("100 bytes", Assert.Throws<InvalidDataException>(() => artifacts.Locate(circuit)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => artifacts.ReadWasm(circuit));

        File.WriteAllBytes(Path.Combine(_directory, circuit.Wasm.FileName), new byte[circuit.Wasm.SizeInBytes]);
        Assert.Contains("SHA-256", Assert.Throws<InvalidDataException>(() => artifacts.ReadWasm(circuit)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => artifacts.ReadProvingKey(circuit));
    }

    [Fact]
    public void Constructor_NoSuchDirectory_Refused()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new GpcArtifacts(Path.Combine(_directory, "absent")));
        Assert.Throws<ArgumentException>(() => new GpcArtifacts(""));
        Assert.Equal("circuit", Assert.Throws<ArgumentNullException>(() => new GpcArtifacts(_directory).Locate(null!)).ParamName);
    }

    private void WriteVerificationKey(GpcCircuitDescription target, GpcCircuitDescription source) =>
        ArtifactFiles.WriteVerificationKey(_directory, target, source);
}
