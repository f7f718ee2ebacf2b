using System.Security.Cryptography;
using System.Text;

namespace Pod.Gpc;

/// <summary>
/// The compiled circuits of the proto-pod-gpc family in a directory laid out as the
/// <c>@pcd/proto-pod-gpc-artifacts</c> npm package (version <see cref="GpcCircuitFamily.ArtifactsVersion"/>):
/// <c>{identifier}.wasm</c>, <c>{identifier}-pkey.zkey</c> and <c>{identifier}-vkey.json</c> for each
/// circuit. Every file is checked against its pinned size and SHA-256 before it is used, so a swapped,
/// truncated or corrupted artifact is refused.
/// </summary>
/// <remarks>
/// The artifacts are GPL-licensed and are not shipped with Pod: install the package (for example with
/// <c>npm install @pcd/proto-pod-gpc-artifacts@0.13.0</c>) and point this at its directory. The reading
/// methods check the very bytes they return; <see cref="Locate"/> checks the files and returns their
/// paths, which another tool then reads again, so use it only where nobody else can write the directory.
/// </remarks>
public sealed class GpcArtifacts
{
    /// <summary>Uses the artifacts in a directory.</summary>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">There is no such directory.</exception>
    public GpcArtifacts(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The GPC artifacts directory \"{directory}\" does not exist; install @pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion} and give its directory.");
        }

        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The artifacts directory (full path).</summary>
    public string Directory { get; }

    /// <summary>Checks the three files of a circuit and returns their paths.</summary>
    /// <exception cref="ArgumentNullException">The circuit is null.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file's size or SHA-256 differs from its pin.</exception>
    public GpcArtifactPaths Locate(GpcCircuitDescription circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return new GpcArtifactPaths(CheckFile(circuit.Wasm), CheckFile(circuit.ProvingKey), CheckFile(circuit.VerificationKey));
    }

    /// <summary>The checked bytes of a circuit's wasm witness generator.</summary>
    /// <exception cref="ArgumentNullException">The circuit is null.</exception>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file's size or SHA-256 differs from its pin.</exception>
    public byte[] ReadWasm(GpcCircuitDescription circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return ReadChecked(circuit.Wasm);
    }

    /// <summary>The checked bytes of a circuit's Groth16 proving key (zkey).</summary>
    /// <exception cref="ArgumentNullException">The circuit is null.</exception>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file's size or SHA-256 differs from its pin.</exception>
    public byte[] ReadProvingKey(GpcCircuitDescription circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return ReadChecked(circuit.ProvingKey);
    }

    /// <summary>A circuit's Groth16 verification key, from its checked file.</summary>
    /// <exception cref="ArgumentNullException">The circuit is null.</exception>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file's size or SHA-256 differs from its pin.</exception>
    public Groth16VerificationKey ReadVerificationKey(GpcCircuitDescription circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return Groth16VerificationKey.Parse(Encoding.UTF8.GetString(ReadChecked(circuit.VerificationKey)));
    }

    private string CheckFile(GpcArtifactFile file)
    {
        string path = PathOf(file);
        using FileStream stream = File.OpenRead(path);
        CheckLength(file, stream.Length);
        CheckHash(file, SHA256.HashData(stream));
        return path;
    }

    private byte[] ReadChecked(GpcArtifactFile file)
    {
        string path = PathOf(file);
        CheckLength(file, new FileInfo(path).Length);
        byte[] bytes = File.ReadAllBytes(path);
        CheckLength(file, bytes.Length);
        CheckHash(file, SHA256.HashData(bytes));
        return bytes;
    }

    private string PathOf(GpcArtifactFile file)
    {
        string path = Path.Combine(Directory, file.FileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"The GPC artifact {file.FileName} is not in {Directory}; install @pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion} there.", path);
    }

    private void CheckLength(GpcArtifactFile file, long length)
    {
        if (length != file.SizeInBytes)
        {
            throw new InvalidDataException(
                $"The GPC artifact {Path.Combine(Directory, file.FileName)} is {length} bytes, not the {file.SizeInBytes} of @pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion}: it was swapped or corrupted.");
        }
    }

    private void CheckHash(GpcArtifactFile file, byte[] sha256)
    {
        string actual = Convert.ToHexStringLower(sha256);
        if (!string.Equals(actual, file.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The GPC artifact {Path.Combine(Directory, file.FileName)} has SHA-256 {actual}, not the pinned {file.Sha256} of @pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion}: it was swapped or corrupted.");
        }
    }
}
