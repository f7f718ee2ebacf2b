namespace Pod.Gpc;

/// <summary>
/// One pinned artifact file of a circuit, as the <c>@pcd/proto-pod-gpc-artifacts</c> package holds it:
/// its file name, SHA-256 and size. <see cref="GpcArtifacts"/> refuses a file that differs.
/// </summary>
/// <param name="FileName">The file name within the package directory.</param>
/// <param name="Sha256">The SHA-256 of the file, lowercase hex.</param>
/// <param name="SizeInBytes">The file size in bytes.</param>
public sealed record GpcArtifactFile(string FileName, string Sha256, long SizeInBytes);
