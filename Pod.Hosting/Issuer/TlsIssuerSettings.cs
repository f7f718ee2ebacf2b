using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Pod.Cryptography.Signatures;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;

namespace Pod.Hosting;

/// <summary>How the issuer's settings become <see cref="TlsIssuerOptions"/>: reading the files and values they name.</summary>
internal static class TlsIssuerSettings
{
    /// <summary>Applies the settings that are set (validated already: <see cref="TlsIssuerSettingsValidator"/>).</summary>
    public static void Apply(PodTlsIssuerServiceOptions settings, TlsIssuerServiceKeys keys, TlsIssuerOptions options)
    {
        if (keys.IssuerKey is not null)
        {
            options.IssuerKey = keys.IssuerKey;
        }

        if (keys.UidKey is not null)
        {
            options.UidKey = keys.UidKey;
        }

        if (settings.UidKeyId is not null)
        {
            options.UidKeyId = settings.UidKeyId;
        }

        foreach (string file in settings.ProviderFiles)
        {
            options.Providers.Add(ProviderSpec.Parse(File.ReadAllText(file)));
        }

        options.UseInMemoryStore |= settings.Store.Kind == PodStoreKind.Memory;
        foreach (string mrEnclave in settings.AllowedMrEnclaves)
        {
            options.Policy.AllowedMrEnclaves.Add(mrEnclave);
        }

        foreach (string signer in settings.AllowedSigners)
        {
            options.Policy.AllowedSigners.Add(ParseSigner(signer)!);
        }

        options.Policy.AllowDebug |= settings.AllowDebugEnclaves;
        foreach (string status in settings.AcceptedTcbStatuses)
        {
            options.Policy.AcceptedTcbStatuses.Add(Enum.Parse<SgxTcbStatus>(status, ignoreCase: true));
        }

        foreach (string attestor in settings.ReclaimAttestors)
        {
            options.ReclaimAttestors.Add(attestor);
        }

        options.ReclaimThreshold = settings.ReclaimThreshold ?? options.ReclaimThreshold;
        options.NonceLifetime = settings.NonceLifetime ?? options.NonceLifetime;
        options.SessionRetention = settings.SessionRetention ?? options.SessionRetention;
        options.MaxNotarizationAge = settings.MaxNotarizationAge ?? options.MaxNotarizationAge;
        options.DefaultValidity = settings.DefaultValidity ?? options.DefaultValidity;
        if (keys.SimulationAllowed)
        {
            // The evidence itself is accepted by AddPodSimulatedAttestation (registered with these settings); its enclave here.
            options.Policy.AllowedMrEnclaves.Add(settings.Simulation.MrEnclave ?? SimulatedEnclave.DefaultMrEnclaveHex);
        }
    }

    /// <summary>Whether the settings' simulated evidence is accepted in this environment.</summary>
    public static bool SimulationAllowed(PodSimulationSettings simulation, IHostEnvironment environment) =>
        simulation.Enabled && (environment.IsDevelopment() || simulation.AllowOutsideDevelopment);

    /// <summary><c>MRSIGNER_HEX:PRODUCT_ID:MIN_SVN</c>, or null when malformed.</summary>
    public static EnclaveSignerRule? ParseSigner(string text) =>
        text.Split(':') is [string mrSigner, string product, string svn] && IsHex(mrSigner, 32)
            && ushort.TryParse(product, NumberStyles.None, CultureInfo.InvariantCulture, out ushort productId)
            && ushort.TryParse(svn, NumberStyles.None, CultureInfo.InvariantCulture, out ushort minSvn)
            ? new EnclaveSignerRule(mrSigner, productId, minSvn) : null;

    /// <summary>Hex of exactly <paramref name="bytes"/> bytes.</summary>
    public static bool IsHex(string text, int bytes) => text.Length == 2 * bytes && text.All(char.IsAsciiHexDigit);

    /// <summary>The issuer's private key from the settings (file or value), or null when neither is set.</summary>
    /// <exception cref="FormatException">Not a key; the message names the setting, never the text.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static EdDsaPrivateKey? ReadIssuerKey(PodTlsIssuerServiceOptions settings, string path)
    {
        (string? text, string name) = Secret(settings.IssuerKeyFile, settings.IssuerKey, path, "IssuerKey");
        try
        {
            return text is null ? null : EdDsaPrivateKey.Parse(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException)
        {
            throw new FormatException($"{name} does not hold a POD private key (Base64 or hex of 32 bytes, as `pod key new` writes it).");
        }
    }

    /// <summary>The UID key from the settings (file or value), or null when neither is set.</summary>
    /// <exception cref="FormatException">Not Base64 of at least 32 bytes; the message names the setting, never the text.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static byte[]? ReadUidKey(PodTlsIssuerServiceOptions settings, string path)
    {
        (string? text, string name) = Secret(settings.UidKeyFile, settings.UidKey, path, "UidKey");
        if (text is null)
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{name} is not Base64: it must hold the UID key, at least 32 bytes in Base64 (head -c 32 /dev/urandom | base64).");
        }

        if (key.Length < 32)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new FormatException($"{name} holds {key.Length} bytes: the UID key must be at least 32 bytes.");
        }

        return key;
    }

    /// <summary>The text of a secret given as a file (<c>NameFile</c>) or a value (<c>Name</c>), and the setting it came from.</summary>
    private static (string? Text, string Setting) Secret(string? file, string? value, string path, string name)
    {
        if (file is not null && value is not null)
        {
            throw new FormatException($"{PodServiceHostingExtensions.Setting(path, name + "File")} and {PodServiceHostingExtensions.Setting(path, name)} are both set: give one.");
        }

        if (file is not null)
        {
            string setting = PodServiceHostingExtensions.Setting(path, name + "File");
            try
            {
                return (File.ReadAllText(file).Trim(), $"{setting} ({file})");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"{setting}: cannot read \"{file}\": {e.Message}", e);
            }
        }

        return (value?.Trim(), PodServiceHostingExtensions.Setting(path, name));
    }
}

/// <summary>Checks the issuer's settings when the host starts; each failure names its setting (<c>Issuer:UidKeyFile</c>).</summary>
internal sealed class TlsIssuerSettingsValidator(string path, IHostEnvironment environment, bool codeConfigures) : IValidateOptions<PodTlsIssuerServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, PodTlsIssuerServiceOptions options)
    {
        var failures = new List<string>();
        string Setting(string key) => PodServiceHostingExtensions.Setting(path, key);
        try
        {
            using EdDsaPrivateKey? key = TlsIssuerSettings.ReadIssuerKey(options, path);
            if (key is null && !codeConfigures)
            {
                failures.Add($"{Setting("IssuerKeyFile")} is not set: the issuer needs its signing key (a file `pod key new --out issuer.key` writes).");
            }
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            failures.Add(e.Message);
        }

        try
        {
            byte[]? uid = TlsIssuerSettings.ReadUidKey(options, path);
            if (uid is null && !codeConfigures)
            {
                failures.Add($"{Setting("UidKeyFile")} is not set: the issuer needs its UID key (at least 32 bytes in Base64: head -c 32 /dev/urandom | base64 > uid.key).");
            }
            else if (uid is not null)
            {
                CryptographicOperations.ZeroMemory(uid);
            }
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            failures.Add(e.Message);
        }

        if (options.ProviderFiles.Count == 0 && !codeConfigures)
        {
            failures.Add($"{Setting("ProviderFiles")} is empty: list at least one provider spec file (docs/tls-issuer.md).");
        }

        for (int i = 0; i < options.ProviderFiles.Count; i++)
        {
            string file = options.ProviderFiles[i];
            try
            {
                _ = ProviderSpec.Parse(File.ReadAllText(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or System.Text.Json.JsonException)
            {
                failures.Add($"{Setting($"ProviderFiles:{i}")} (\"{file}\"): {e.Message}");
            }
        }

        if (options.Store.Kind == PodStoreKind.PostgreSql && string.IsNullOrWhiteSpace(options.Store.ConnectionString))
        {
            failures.Add($"{Setting("Store:ConnectionString")} is not set: the PostgreSQL store needs a connection string.");
        }

        for (int i = 0; i < options.AllowedMrEnclaves.Count; i++)
        {
            if (!TlsIssuerSettings.IsHex(options.AllowedMrEnclaves[i], 32))
            {
                failures.Add($"{Setting($"AllowedMrEnclaves:{i}")} is \"{options.AllowedMrEnclaves[i]}\": an MRENCLAVE is 64 hex digits.");
            }
        }

        for (int i = 0; i < options.AllowedSigners.Count; i++)
        {
            if (TlsIssuerSettings.ParseSigner(options.AllowedSigners[i]) is null)
            {
                failures.Add($"{Setting($"AllowedSigners:{i}")} is \"{options.AllowedSigners[i]}\": expected MRSIGNER_HEX:PRODUCT_ID:MIN_SVN (64 hex digits, two integers).");
            }
        }

        for (int i = 0; i < options.AcceptedTcbStatuses.Count; i++)
        {
            if (!Enum.TryParse(options.AcceptedTcbStatuses[i], ignoreCase: true, out SgxTcbStatus _) || int.TryParse(options.AcceptedTcbStatuses[i], out _))
            {
                failures.Add($"{Setting($"AcceptedTcbStatuses:{i}")} is \"{options.AcceptedTcbStatuses[i]}\": expected one of {string.Join(", ", Enum.GetNames<SgxTcbStatus>())}.");
            }
        }

        if (options.ReclaimThreshold is int threshold && (threshold < 1 || threshold > options.ReclaimAttestors.Count))
        {
            failures.Add($"{Setting("ReclaimThreshold")} is {threshold}: it must be from 1 to the number of ReclaimAttestors ({options.ReclaimAttestors.Count}).");
        }

        foreach ((string key, TimeSpan? value) in new[]
        {
            ("NonceLifetime", options.NonceLifetime), ("SessionRetention", options.SessionRetention),
            ("MaxNotarizationAge", options.MaxNotarizationAge), ("DefaultValidity", options.DefaultValidity),
        })
        {
            if (value is { } span && span <= TimeSpan.Zero)
            {
                failures.Add($"{Setting(key)} is {span}: it must be positive.");
            }
        }

        PodSimulationSettings simulation = options.Simulation;
        if (simulation.Enabled && !TlsIssuerSettings.SimulationAllowed(simulation, environment))
        {
            failures.Add($"{Setting("Simulation:Enabled")} is true in the {environment.EnvironmentName} environment: simulated evidence is for development "
                + $"(ASPNETCORE_ENVIRONMENT=Development), or set {Setting("Simulation:AllowOutsideDevelopment")} to true explicitly.");
        }
        else if (simulation.Enabled && !IsSpki(simulation.RootPublicKey))
        {
            failures.Add($"{Setting("Simulation:RootPublicKey")} must be the simulation root's public key (SubjectPublicKeyInfo in Base64) when simulated evidence is enabled.");
        }

        if (simulation.MrEnclave is { } mr && !TlsIssuerSettings.IsHex(mr, 32))
        {
            failures.Add($"{Setting("Simulation:MrEnclave")} is \"{mr}\": an MRENCLAVE is 64 hex digits.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSpki(string? base64)
    {
        if (base64 is null)
        {
            return false;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64), out _);
            return true;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }
}

/// <summary>
/// The keys the issuer's settings name, read once and zeroed when the host stops; and whether this environment accepts
/// the settings' simulated evidence (its signer is made per process by <c>AddPodSimulatedAttestation</c>, never the production key).
/// </summary>
internal sealed class TlsIssuerServiceKeys : IDisposable
{
    public TlsIssuerServiceKeys(IOptions<PodTlsIssuerServiceOptions> settings, IHostEnvironment environment)
    {
        PodTlsIssuerServiceOptions s = settings.Value;
        string path = PodTlsIssuerServiceOptions.SectionName;
        IssuerKey = TlsIssuerSettings.ReadIssuerKey(s, path);
        UidKey = TlsIssuerSettings.ReadUidKey(s, path);
        SimulationAllowed = TlsIssuerSettings.SimulationAllowed(s.Simulation, environment);
    }

    public EdDsaPrivateKey? IssuerKey { get; }

    public byte[]? UidKey { get; }

    public bool SimulationAllowed { get; }

    public void Dispose()
    {
        IssuerKey?.Dispose();
        if (UidKey is not null)
        {
            CryptographicOperations.ZeroMemory(UidKey);
        }
    }
}
