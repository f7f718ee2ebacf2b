using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// GpcVerifier.Verify is a check of what a third party sent, so it answers with a result and never throws
/// (docs/errors.md): fed bound configs, claims and proofs mutated with <see cref="ReaderFuzz"/> and mixed across the
/// vectors' proofs, every one that parses gives a result, valid or with a failure code and a description.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcVerifierFuzzTests : IDisposable
{
    /// <summary>Fewer runs than a reader's: a mutation that keeps the texts parsing reaches the pairing.</summary>
    private const int Runs = 200;

    private readonly string _directory = ArtifactFiles.AllVerificationKeys();
    private readonly GpcVerificationKeys _keys;

    public GpcVerifierFuzzTests() => _keys = new GpcVerificationKeys(new GpcArtifacts(_directory));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Verify_MutatedOrMismatchedConfigsClaimsAndProofs_ResultNeverException()
    {
        JsonObject[] proofs = Vectors.Section("gpc-proofs.json", "proofs").OfType<JsonObject>()
            .Where(p => p["proof"] is JsonObject && p["boundConfig"] is not null && p["revealedClaims"] is not null)
            .ToArray();
        Assert.NotEmpty(proofs);

        // Each part from any proof of the set (a bound config with another proof's claims is a mismatch); at most one
        // of them mutated, so that most inputs still parse and reach the verifier.
        string[] bounds = proofs.Select(p => GpcVectorInputs.Text(p["boundConfig"]!)).ToArray();
        string[] claims = proofs.Select(p => GpcVectorInputs.Text(p["revealedClaims"]!)).ToArray();
        string[] proofTexts = proofs.Select(p => p["proof"]!.ToJsonString()).ToArray();
        Gen<string> Part(string[] seeds, bool mutated) => mutated ? ReaderFuzz.Text(seeds) : Gen.Elements(seeds);
        Gen<(string, string, string)> inputs = Gen.Choose(0, 3).SelectMany(mutated =>
            from b in Part(bounds, mutated == 0) from c in Part(claims, mutated == 1) from p in Part(proofTexts, mutated == 2) select (b, c, p));
        var reached = new HashSet<GpcVerificationFailure>();

        Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            var (boundJson, claimsJson, proofJson) = input;
            if (!TryParse(boundJson, claimsJson, proofJson, out GpcBoundConfig? boundConfig, out GpcRevealedClaims? revealedClaims, out Groth16Proof? parsed))
            {
                return; // refused when read (ReaderFuzzTests); Verify takes parsed values
            }

            GpcVerificationResult result = GpcVerifier.Verify(parsed, boundConfig, revealedClaims, _keys);

            Assert.True(result.IsValid == (result.Failure == GpcVerificationFailure.None));
            Assert.True(result.IsValid || !string.IsNullOrEmpty(result.Description), result.ToString());
            Assert.NotEqual(GpcVerificationFailure.KeyUnavailable, result.Failure);
            reached.Add(result.Failure);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));

        // The mix reaches the checks as well as the pairing: some inputs are refused before it.
        Assert.Contains(reached, f => f is not (GpcVerificationFailure.None or GpcVerificationFailure.ProofRejected));
    }

    private static bool TryParse(
        string boundJson,
        string claimsJson,
        string proofJson,
        [NotNullWhen(true)] out GpcBoundConfig? boundConfig,
        [NotNullWhen(true)] out GpcRevealedClaims? revealedClaims,
        [NotNullWhen(true)] out Groth16Proof? proof)
    {
        proof = null;
        try
        {
            boundConfig = GpcJson.ParseBoundConfig(boundJson);
            revealedClaims = GpcJson.ParseRevealedClaims(claimsJson);
        }
        catch (Exception e) when (e is FormatException or GpcConfigException)
        {
            (boundConfig, revealedClaims) = (null, null);
            return false;
        }

        return Groth16Proof.TryParse(proofJson, out proof) && proof is not null;
    }
}
