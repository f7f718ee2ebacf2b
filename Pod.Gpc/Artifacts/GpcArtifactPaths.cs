namespace Pod.Gpc;

/// <summary>The verified artifact files of one circuit (gpcArtifactPaths).</summary>
/// <param name="WasmPath">The witness generator, <c>{identifier}.wasm</c>.</param>
/// <param name="ProvingKeyPath">The Groth16 proving key, <c>{identifier}-pkey.zkey</c>.</param>
/// <param name="VerificationKeyPath">The Groth16 verification key, <c>{identifier}-vkey.json</c>.</param>
public sealed record GpcArtifactPaths(string WasmPath, string ProvingKeyPath, string VerificationKeyPath);
