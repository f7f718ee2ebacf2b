using System.Security.Cryptography;
using Pod.Issuers.Tls.Sgx;

namespace Pod.Issuers.Tls.Simulation;

/// <summary>
/// A development stand-in for an SGX enclave: a P-256 "simulation root" key signs SGX report bodies whose report data
/// binds an ephemeral session key (<see cref="SessionKeyBinding"/>), and the session key signs payloads. The evidence
/// has the same shape as <see cref="SgxDcapEvidence"/>; the issuer accepts it only when simulated evidence is allowed,
/// and marks the PODs <c>attestation_kind = "simulated"</c>. Dispose it to release the keys.
/// </summary>
public sealed class SimulatedEnclave : IDisposable
{
    /// <summary>The MRENCLAVE the simulation reports by default: SHA-256("pod-tls-issuer/simulated-enclave/v1").</summary>
    public static readonly string DefaultMrEnclaveHex = Convert.ToHexString(SHA256.HashData("pod-tls-issuer/simulated-enclave/v1"u8));

    /// <summary>The MRSIGNER the simulation reports by default: SHA-256("pod-tls-issuer/simulated-signer/v1").</summary>
    public static readonly string DefaultMrSignerHex = Convert.ToHexString(SHA256.HashData("pod-tls-issuer/simulated-signer/v1"u8));

    private readonly ECDsa _root;
    private readonly byte[] _mrEnclave;
    private readonly byte[] _mrSigner;
    private ECDsa? _session;
    private byte[]? _report;
    private byte[]? _sessionPublicKey;
    private long _validUntil;

    /// <summary>Creates a simulation with a fresh root key and the default measurement (production attributes).</summary>
    public SimulatedEnclave()
        : this(ECDsa.Create(ECCurve.NamedCurves.nistP256), Convert.FromHexString(DefaultMrEnclaveHex), Convert.FromHexString(DefaultMrSignerHex), debug: false)
    {
    }

    /// <summary>Creates a simulation with the given root key (owned by the simulation) and measurement.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="ArgumentException">A measurement is not 32 bytes or the key is not P-256.</exception>
    public SimulatedEnclave(ECDsa root, ReadOnlySpan<byte> mrEnclave, ReadOnlySpan<byte> mrSigner, bool debug, ushort productId = 1, ushort svn = 1)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.KeySize != 256)
        {
            throw new ArgumentException("The simulation root must be a P-256 key.", nameof(root));
        }

        if (mrEnclave.Length != 32 || mrSigner.Length != 32)
        {
            throw new ArgumentException("MRENCLAVE and MRSIGNER are 32 bytes each.", mrEnclave.Length != 32 ? nameof(mrEnclave) : nameof(mrSigner));
        }

        _root = root;
        _mrEnclave = mrEnclave.ToArray();
        _mrSigner = mrSigner.ToArray();
        Debug = debug;
        ProductId = productId;
        Svn = svn;
    }

    /// <summary>Whether reports carry the DEBUG attribute.</summary>
    public bool Debug { get; }

    /// <summary>The ISVPRODID reported.</summary>
    public ushort ProductId { get; }

    /// <summary>The ISVSVN reported.</summary>
    public ushort Svn { get; }

    /// <summary>The MRENCLAVE reported, as hex.</summary>
    public string MrEnclaveHex => Convert.ToHexString(_mrEnclave);

    /// <summary>The simulation root's public key (SubjectPublicKeyInfo DER), which the verifier trusts.</summary>
    public byte[] ExportRootPublicKey() => _root.ExportSubjectPublicKeyInfo();

    /// <summary>Starts a session: a fresh session key bound into a signed report, valid until the given time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validUntil"/> is before 1970.</exception>
    public void StartSession(DateTimeOffset validUntil)
    {
        long until = validUntil.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(until, nameof(validUntil));
        _session?.Dispose();
        _session = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters p = _session.ExportParameters(false);
        _sessionPublicKey = [0x04, .. p.Q.X!, .. p.Q.Y!];
        _validUntil = until;
        ulong flags = 1 | 4 | (Debug ? 2UL : 0UL);
        byte[] body = SgxReportBody.Write(_mrEnclave, _mrSigner, ProductId, Svn, flags, SessionKeyBinding.ComputeReportData(_sessionPublicKey, until));
        _report = [.. body, .. _root.SignData(body, HashAlgorithmName.SHA256)];
    }

    /// <summary>Signs the payload bytes with the current session key and returns the evidence.</summary>
    /// <exception cref="InvalidOperationException">No session was started.</exception>
    public SimulatedEvidence Notarize(ReadOnlySpan<byte> signedPayload)
    {
        if (_session is null)
        {
            throw new InvalidOperationException("Call StartSession before Notarize.");
        }

        return new SimulatedEvidence(_report!.ToArray(), _sessionPublicKey!.ToArray(), _validUntil, _session.SignData(signedPayload, HashAlgorithmName.SHA256));
    }

    /// <summary>Releases the keys.</summary>
    public void Dispose()
    {
        _root.Dispose();
        _session?.Dispose();
    }

    /// <summary>Names the measurement only.</summary>
    public override string ToString() => $"SimulatedEnclave (MRENCLAVE {MrEnclaveHex[..16]}..., debug {Debug})";
}
