using Microsoft.Extensions.Options;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;

namespace Pod.Hosting;

/// <summary>How the verifier's settings become the <see cref="GpcProofRequestTemplate"/> it issues.</summary>
internal static class GpcVerifierSettings
{
    /// <summary>The template code set, or the one the settings describe.</summary>
    /// <exception cref="FormatException">A setting is malformed; the message names it.</exception>
    /// <exception cref="IOException">The proof config file cannot be read; the message names the setting.</exception>
    public static GpcProofRequestTemplate Template(PodGpcVerifierServiceOptions settings, string path)
    {
        if (settings.Template is { } template)
        {
            return template;
        }

        string Setting(string key) => PodServiceHostingExtensions.Setting(path, key);
        if (settings.ProofConfigFile is not { } file)
        {
            throw new FormatException($"{Setting("ProofConfigFile")} is not set: name the proof config (@pcd/gpc JSON) the service asks for.");
        }

        GpcProofConfig config;
        try
        {
            config = GpcJson.ParseProofConfig(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{Setting("ProofConfigFile")}: cannot read \"{file}\": {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new FormatException($"{Setting("ProofConfigFile")} (\"{file}\"): {e.Message}", e);
        }

        var signers = new HashSet<EdDsaPublicKey>();
        for (int i = 0; i < settings.TrustedSigners.Count; i++)
        {
            signers.Add(EdDsaPublicKey.TryParse(settings.TrustedSigners[i], out EdDsaPublicKey key)
                ? key
                : throw new FormatException($"{Setting($"TrustedSigners:{i}")} is \"{settings.TrustedSigners[i]}\": not an EdDSA public key (Base64 or hex of 32 bytes)."));
        }

        if (settings.WatermarkPolicy == GpcWatermarkPolicy.Fixed && settings.FixedWatermark is null)
        {
            throw new FormatException($"{Setting("FixedWatermark")} is not set: WatermarkPolicy Fixed needs the watermark string.");
        }

        return new GpcProofRequestTemplate
        {
            ProofConfig = config,
            TrustedSigners = signers,
            ExternalNullifier = settings.ExternalNullifier is { } nullifier ? PodValue.String(nullifier) : null,
            WatermarkPolicy = settings.WatermarkPolicy,
            FixedWatermark = settings.WatermarkPolicy == GpcWatermarkPolicy.Fixed ? PodValue.String(settings.FixedWatermark!) : null,
            ChallengeLifetime = settings.ChallengeLifetime ?? new GpcProofRequestTemplate { ProofConfig = config, TrustedSigners = signers }.ChallengeLifetime,
            AllowedCircuits = settings.AllowedCircuits.Count > 0 ? new HashSet<string>(settings.AllowedCircuits, StringComparer.Ordinal) : null,
        };
    }
}

/// <summary>Checks the verifier's settings when the host starts; each failure names its setting (<c>Verifier:TrustedSigners:0</c>).</summary>
internal sealed class GpcVerifierSettingsValidator(string path) : IValidateOptions<PodGpcVerifierServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, PodGpcVerifierServiceOptions options)
    {
        var failures = new List<string>();
        string Setting(string key) => PodServiceHostingExtensions.Setting(path, key);
        if (string.IsNullOrWhiteSpace(options.ArtifactsDirectory))
        {
            failures.Add($"{Setting("ArtifactsDirectory")} is not set: name the installed @pcd/proto-pod-gpc-artifacts folder (npm install @pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion}).");
        }

        if (options.Registry.Kind == PodStoreKind.PostgreSql && string.IsNullOrWhiteSpace(options.Registry.ConnectionString))
        {
            failures.Add($"{Setting("Registry:ConnectionString")} is not set: the PostgreSQL registry needs a connection string.");
        }

        // What the template asks for is checked by AddPodGpcVerifier's own validation, once it is built.
        try
        {
            _ = GpcVerifierSettings.Template(options, path);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            failures.Add(e.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
