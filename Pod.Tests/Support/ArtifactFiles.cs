using System.Text;
using System.Text.Json;
using Pod.Gpc;

namespace Pod.Tests.Support;

/// <summary>
/// Verification key files as the @pcd/proto-pod-gpc-artifacts package has them, rebuilt byte for byte from
/// gpc-vkeys.json (the package writes JSON.stringify(key, null, 2)), so the pinned SHA-256s hold.
/// </summary>
internal static class ArtifactFiles
{
    /// <summary>Writes <paramref name="source"/>'s verification key under <paramref name="target"/>'s file name.</summary>
    public static void WriteVerificationKey(string directory, GpcCircuitDescription target, GpcCircuitDescription source)
    {
        using var document = JsonDocument.Parse(Vectors.Load("gpc-vkeys.json")["vkeys"]![source.Identifier]!.ToJsonString());
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            document.WriteTo(writer);
        }

        File.WriteAllText(Path.Combine(directory, target.VerificationKey.FileName), Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>A temporary directory holding every circuit's verification key.</summary>
    public static string AllVerificationKeys()
    {
        string directory = Directory.CreateTempSubdirectory("pod-gpc-vkeys-").FullName;
        foreach (GpcCircuitDescription circuit in GpcCircuitFamily.All)
        {
            WriteVerificationKey(directory, circuit, circuit);
        }

        return directory;
    }
}
