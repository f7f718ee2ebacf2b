using System.Globalization;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Identity.Registry;
using Pod.Samples.Workflows;

namespace Pod.Samples.Claims;

/// <summary>
/// An app that signs people up on claims from several issuers (AFK.ID's model) on 127.0.0.1: <c>GET /request</c>, and
/// <c>POST /signup</c> with the proof response: 200 <c>{pseudonym}</c> the first time, 409 <c>nullifier_used</c> after.
/// Each claim POD is proven to come from one of the app's trusted issuers without saying which (its signer is hidden
/// and proven a member of the trusted-signer list); the app's id is the external nullifier, so the holder's nullifier
/// hash is a pseudonym for this app only: one account per person per app, unlinkable across apps.
/// </summary>
internal static class ClaimsApp
{
    /// <summary>Two claim PODs, each from a trusted issuer (hidden), each owned by the holder, each revealing its claim.</summary>
    public static GpcProofConfig Config { get; } = GpcJson.ParseProofConfig("""
        {"pods":{
            "email":{"entries":{"claim":{"isRevealed":true},"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}},
                     "signerPublicKey":{"isRevealed":false,"isMemberOf":"trustedSigners"}},
            "phone":{"entries":{"claim":{"isRevealed":true},"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}},
                     "signerPublicKey":{"isRevealed":false,"isMemberOf":"trustedSigners"}}}}
        """);

    /// <summary>A claim POD an issuer signs for the holder of a Semaphore V4 public key.</summary>
    public static SignedPod IssueClaim(string claim, EdDsaPublicKey holder, EdDsaPrivateKey issuer) =>
        SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["claim"] = PodValue.String(claim),
            ["owner"] = PodValue.EdDsaPublicKey(holder),
        }), issuer);

    public static GpcProofRequestTemplate Template(string appId, IEnumerable<EdDsaPublicKey> trustedIssuers) => new()
    {
        ProofConfig = Config,
        TrustedSigners = trustedIssuers.ToHashSet(),
        RequiredEntries = new Dictionary<string, PodValue>
        {
            ["email.claim"] = PodValue.String("email_verified"),
            ["phone.claim"] = PodValue.String("phone_verified"),
        },
        ExternalNullifier = PodValue.String(appId),
    };

    public static WebApplication Build(string appId, IEnumerable<EdDsaPublicKey> trustedIssuers, string artifactsDirectory, INullifierStore store, int port = 0)
    {
        WebApplicationBuilder builder = SampleHost.CreateBuilder(port);
        var verifier = new GpcRequestVerifier(Template(appId, trustedIssuers), new GpcVerificationKeys(new GpcArtifacts(artifactsDirectory)),
            new InMemoryGpcChallengeStore(TimeProvider.System), new NullifierRegistry(store));
        WebApplication app = builder.Build();
        app.MapGet("/request", async (CancellationToken ct) => Results.Text(GpcJson.SerializeProofRequest(await verifier.IssueRequestAsync(ct)), "application/json"));
        app.MapPost("/signup", async (HttpRequest http, CancellationToken ct) =>
        {
            GpcResponseCheck check = await verifier.CheckAsync(await SampleHost.ReadTextAsync(http, ct), ct);
            return check.IsValid
                ? Results.Json(new JsonObject { ["pseudonym"] = check.NullifierHash!.Value.ToBigInteger().ToString(CultureInfo.InvariantCulture) })
                : SampleHost.Refused(check);
        });
        return app;
    }
}
