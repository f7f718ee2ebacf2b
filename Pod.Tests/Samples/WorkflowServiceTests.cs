using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Issuers.Tls.Simulation;
using Pod.Samples.Airdrop;
using Pod.Samples.Claims;
using Pod.Samples.Workflows;
using Pod.Tests.Proving;
using Xunit;

namespace Pod.Tests.Samples;

/// <summary>
/// The identity airdrop and the multi-issuer sign-up over HTTP on 127.0.0.1 (Kestrel on a free port), with proofs made
/// on the real circuits and checked by the library's request verifier.
/// </summary>
public sealed class WorkflowServiceTests
{
    private static readonly Lazy<GpcProver> Prover = new(() => new GpcProver(ProvingReference.Artifacts()));

    private static async Task<(HttpStatusCode Status, JsonNode Answer)> PostAsync(HttpClient http, string path, string body)
    {
        HttpResponseMessage response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Airdrop_AdultNotOnTheList_AcceptedOnceRevealingNeitherBirthDateNorNationality()
    {
        using var enclave = new SimulatedEnclave();
        using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate(), minor = SemaphoreIdentity.Generate(), banned = SemaphoreIdentity.Generate();
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        string adultDob = now.AddYears(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        SignedPod pod = await IdentitySample.IssueIdentityPodAsync(enclave, issuer, holder, adultDob, "nl", TimeProvider.System);
        SignedPod minorPod = await IdentitySample.IssueIdentityPodAsync(enclave, issuer, minor, now.AddYears(-17).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "nl", TimeProvider.System);
        string onTheList = Airdrop.SampleBannedList[^1];
        SignedPod bannedPod = await IdentitySample.IssueIdentityPodAsync(enclave, issuer, banned, adultDob, onTheList.ToLowerInvariant(), TimeProvider.System);

        var airdrop = new Airdrop("test-airdrop", issuer.PublicKey, Airdrop.SampleBannedList);
        await using WebApplication app = AirdropService.Build(airdrop, ProvingReference.Artifacts().Directory, new InMemoryNullifierStore(), TimeProvider.System);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(SampleHost.Address(app)) };
        Assert.Equal("127.0.0.1", http.BaseAddress.Host);

        // Neither can prove what is asked: refused on the holder's side, before any proof exists.
        JsonNode request = JsonNode.Parse(await http.GetStringAsync("/request"))!;
        Assert.Throws<GpcConfigException>(() => IdentitySample.Claim(Prover.Value, minor, minorPod, request));
        Assert.Throws<GpcConfigException>(() => IdentitySample.Claim(Prover.Value, banned, bannedPod, request));

        string claim = IdentitySample.Claim(Prover.Value, holder, pod, request);
        long birthMs = ((PodDateValue)pod.Entries["birth_date"]).Milliseconds;
        Assert.DoesNotContain(birthMs.ToString(CultureInfo.InvariantCulture), claim, StringComparison.Ordinal);
        Assert.DoesNotContain("\"NL\"", claim, StringComparison.Ordinal);
        Assert.DoesNotContain(holder.PublicKey.ToString(), claim, StringComparison.Ordinal);

        (HttpStatusCode status, JsonNode answer) = await PostAsync(http, "/claims", claim);
        Assert.True(status == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal("accepted", answer["status"]!.GetValue<string>());

        // The same body again: its challenges are spent.
        (status, answer) = await PostAsync(http, "/claims", claim);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("watermark_used", answer["code"]!.GetValue<string>());

        // A fresh claim by the same identity: the nullifier is registered.
        (status, answer) = await PostAsync(http, "/claims", IdentitySample.Claim(Prover.Value, holder, pod, JsonNode.Parse(await http.GetStringAsync("/request"))!));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("nullifier_used", answer["code"]!.GetValue<string>());

        (status, answer) = await PostAsync(http, "/claims", "{\"age\": 1}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("malformed_claim", answer["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claims_TwoIssuersHiddenInTheTrustedList_OneAccountPerAppUnlinkableAcrossApps()
    {
        using EdDsaPrivateKey emailIssuer = EdDsaPrivateKey.Generate(), phoneIssuer = EdDsaPrivateKey.Generate(), stranger = EdDsaPrivateKey.Generate();
        EdDsaPublicKey[] trusted = [emailIssuer.PublicKey, phoneIssuer.PublicKey];
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        SignedPod email = ClaimsApp.IssueClaim("email_verified", holder.PublicKey, emailIssuer);
        SignedPod phone = ClaimsApp.IssueClaim("phone_verified", holder.PublicKey, phoneIssuer);

        var pseudonyms = new List<string>();
        foreach (string appId in new[] { "app.one", "app.two" })
        {
            await using WebApplication app = ClaimsApp.Build(appId, trusted, ProvingReference.Artifacts().Directory, new InMemoryNullifierStore());
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(SampleHost.Address(app)) };
            string request = await http.GetStringAsync("/request");
            string signUp = ClaimsSample.SignUp(Prover.Value, holder, email, phone, request);
            // Which trusted issuer signed each claim stays hidden: the claims name no signer, only the list.
            JsonNode pods = JsonNode.Parse(signUp)!["revealedClaims"]!["pods"]!;
            Assert.Null(pods["email"]!["signerPublicKey"]);
            Assert.Null(pods["phone"]!["signerPublicKey"]);

            (HttpStatusCode status, JsonNode answer) = await PostAsync(http, "/signup", signUp);
            Assert.True(status == HttpStatusCode.OK, answer.ToJsonString());
            pseudonyms.Add(answer["pseudonym"]!.GetValue<string>());

            if (appId == "app.one")
            {
                // A second account at the same app: the same nullifier hash, refused.
                (status, answer) = await PostAsync(http, "/signup", ClaimsSample.SignUp(Prover.Value, holder, email, phone, await http.GetStringAsync("/request")));
                Assert.Equal(HttpStatusCode.Conflict, status);
                Assert.Equal("nullifier_used", answer["code"]!.GetValue<string>());

                // A claim from an issuer the app does not trust cannot be proven a member of the list.
                SignedPod foreign = ClaimsApp.IssueClaim("phone_verified", holder.PublicKey, stranger);
                Assert.Throws<GpcConfigException>(() => ClaimsSample.SignUp(Prover.Value, holder, email, foreign, request));
            }
        }

        Assert.NotEqual(pseudonyms[0], pseudonyms[1]);
    }
}
