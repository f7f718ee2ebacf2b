using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pod.Cryptography.Fields;
using Pod.Gpc.Circuits;
using Pod.Gpc.Compilation;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Pods;
using Pod.Samples.Demo;
using Pod.Serialization;
using Xunit;

namespace Pod.Tests.Demo;

/// <summary>
/// The demo of docs/demo.md clicked through in headless Chromium: the issuer page issues an identity POD to the page's own
/// Semaphore identity, the verifier page proves the verifier's request in the browser with @pcd/gpc and sends the proof
/// (accepted, then already claimed for the same identity), a tampered proof is refused, and a minor's POD cannot meet the
/// request's birth-date range. Each step leaves a screenshot.
/// </summary>
[Trait("Category", "Demo")]
public sealed class DemoPageTests(DemoBrowser demo) : IClassFixture<DemoBrowser>
{
    private static readonly TimeSpan ProvingTimeout = TimeSpan.FromSeconds(120);

    private sealed record Issued(string PodPath, string PodJson, string Identity, IPage Page);

    /// <summary>Signs in on the issuer page as a person born on <paramref name="birthDate"/> and takes the POD and the exported identity.</summary>
    private async Task<Issued> IssueAsync(string first, string last, DateOnly birthDate, string country, string screenshot)
    {
        IPage page = await demo.NewPageAsync();
        await page.GotoAsync(demo.Host.IssuerPage);
        await page.GetByLabel("First name").FillAsync(first);
        await page.GetByLabel("Last name").FillAsync(last);
        await page.GetByLabel("Birth date").FillAsync(birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Country (two-letter code, for example NL)").FillAsync(country);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in and get my identity POD" }).ClickAsync();
        await page.Locator("#result").WaitForAsync(new() { State = WaitForSelectorState.Visible });

        // The session's states as the issuer recorded them, in the lifecycle's order, ending verified.
        IReadOnlyList<string> states = await page.Locator("#progress li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.state)");
        Assert.Equal(["created", "provider_pending", "provider_completed", "proof_generating", "proof_generated", "submitting", "verified"], states);
        await Assertions.Expect(page.Locator("#pod-qr")).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));

        IDownload download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download the POD as JSON" }).ClickAsync());
        string podPath = Path.Combine(demo.ScreenshotDirectory, $"{first}-{last}-pod.json".ToLowerInvariant());
        await download.SaveAsAsync(podPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Export identity" }).ClickAsync();
        string identity = await page.GetByLabel(new Regex("^Exported identity")).InputValueAsync();
        await demo.ScreenshotAsync(page, screenshot);
        return new Issued(podPath, await File.ReadAllTextAsync(podPath), identity, page);
    }

    /// <summary>On the verifier page: loads the POD file and the identity, proves, and waits for the page's verdict on proving.</summary>
    private static async Task<string> ProveAsync(IPage page, Issued issued)
    {
        await page.GetByLabel("Your identity POD (the JSON file from the issuer)").SetInputFilesAsync(issued.PodPath);
        await Assertions.Expect(page.GetByLabel("…or paste the POD's JSON")).Not.ToHaveValueAsync("");
        await page.GetByLabel("Your exported Semaphore identity").FillAsync(issued.Identity);
        string before = await page.Locator("#prove-status").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Prove" }).ClickAsync();
        await Assertions.Expect(page.Locator("#prove-status")).ToHaveTextAsync(new Regex("^(Proof made|Cannot prove)"),
            new() { Timeout = (float)ProvingTimeout.TotalMilliseconds });
        string after = await page.Locator("#prove-status").InnerTextAsync();
        Assert.NotEqual(before, after);
        return after;
    }

    private static async Task<string> SendAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the proof to the verifier" }).ClickAsync();
        await Assertions.Expect(page.Locator("#answer")).ToHaveAttributeAsync("data-code", new Regex("."));
        string code = (await page.Locator("#answer").GetAttributeAsync("data-code"))!;
        // The next proof needs the next watermark: the page reloads the request after every answer.
        return code;
    }

    [Fact]
    public async Task IssuedPod_IsTheIssuersSignedPod_OwnedByThePagesIdentity()
    {
        Issued issued = await IssueAsync("Ada", "Lovelace", new DateOnly(1990, 5, 17), "nl", "1-issuer-pod-issued");
        SignedPod pod = PodJson.Parse(issued.PodJson);
        Assert.True(pod.Verify());
        Assert.Equal(demo.Host.Issuer.Services.GetService(typeof(TlsPodIssuer)) is TlsPodIssuer issuer ? issuer.SimulatedIssuerPublicKey : null, pod.SignerPublicKey);
        using SemaphoreIdentity identity = SemaphoreIdentity.Import(issued.Identity);
        Assert.True(identity.Owns(pod.Entries[TlsPodEntries.Owner]));
        Assert.Equal(PodValue.String("NL"), pod.Entries["nationality"]);

        // The table shows every entry of the POD, by name.
        IReadOnlyList<string> rows = await issued.Page.Locator("#pod-entries tbody th").AllInnerTextsAsync();
        Assert.Equal(pod.Entries.Keys.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));

        // The circuit the demo's request names is the one gpcProve would pick itself for the request over this POD: the
        // cheapest that fits (a POD with more entries, or a request with more checks, moves it).
        JsonObject config = JsonNode.Parse(DemoHost.ProofConfigJson(DateOnly.FromDateTime(DateTime.UtcNow)))!.AsObject();
        config.Remove("circuitIdentifier");
        GpcBinding picked = GpcCompiler.CheckProvable(GpcJson.ParseProofConfig(config.ToJsonString()), new GpcProofInputs
        {
            Pods = new Dictionary<string, SignedPod> { ["identity"] = pod },
            Owner = new GpcProofOwnerInputs
            {
                SemaphoreV4 = GpcSemaphoreV4Identity.FromPrivateKey(Convert.FromBase64String(issued.Identity)),
                ExternalNullifier = PodValue.String(DemoHost.ExternalNullifier),
            },
            MembershipLists = GpcJson.ParseMembershipLists(DemoHost.MembershipListsJson),
            Watermark = PodValue.String("any"),
        });
        Assert.Equal(DemoHost.CircuitIdentifier, picked.Circuit.Identifier);
    }

    [Fact]
    public async Task ProofMadeInThePage_IsAcceptedOnce_ThenAlreadyClaimed_AndATamperedProofIsRefused()
    {
        Issued issued = await IssueAsync("Grace", "Hopper", new DateOnly(1985, 12, 9), "US", "2-issuer-adult");
        IPage page = await demo.NewPageAsync();
        await page.GotoAsync(demo.Host.VerifierPage);
        await Assertions.Expect(page.Locator("#request-summary li").First).Not.ToHaveTextAsync("Loading the proof request…");
        await demo.ScreenshotAsync(page, "3-verifier-request");

        string proved = await ProveAsync(page, issued);
        Assert.StartsWith("Proof made", proved, StringComparison.Ordinal);
        Assert.Contains(DemoHost.CircuitIdentifier, proved, StringComparison.Ordinal);
        await demo.ScreenshotAsync(page, "4-holder-proved");
        string first = await page.GetByLabel(new Regex("^Proof \\(JSON")).InputValueAsync();
        Assert.Equal("verified", await SendAsync(page));
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Accepted — first claim");
        await demo.ScreenshotAsync(page, "5-verifier-accepted");

        // The same identity proves again (a fresh request, so a fresh watermark): a valid proof of an identity already counted.
        Assert.StartsWith("Proof made", await ProveAsync(page, issued), StringComparison.Ordinal);
        string second = await page.GetByLabel(new Regex("^Proof \\(JSON")).InputValueAsync();
        Assert.NotEqual(first, second);
        Assert.Equal("nullifier_used", await SendAsync(page));
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Already claimed");
        await demo.ScreenshotAsync(page, "6-verifier-already-claimed");

        // The first proof with pi_a replaced by its negation: a point on the curve, so the request is well formed, but the
        // pairing check fails.
        JsonNode tampered = JsonNode.Parse(first)!;
        JsonArray piA = tampered["proof"]!["pi_a"]!.AsArray();
        BigInteger y = BigInteger.Parse(piA[1]!.GetValue<string>(), CultureInfo.InvariantCulture);
        piA[1] = (Fq.Modulus - y).ToString(CultureInfo.InvariantCulture);
        await page.GetByLabel(new Regex("^Proof \\(JSON")).FillAsync(tampered.ToJsonString());
        Assert.Equal("proof_invalid", await SendAsync(page));
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Refused");
        await demo.ScreenshotAsync(page, "7-verifier-tampered-refused");
    }

    [Fact]
    public async Task MinorsPod_CannotMeetTheRequestsBirthDateRange()
    {
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        Issued issued = await IssueAsync("Young", "Person", today.AddYears(-16), "NL", "8-issuer-minor");
        IPage page = await demo.NewPageAsync();
        await page.GotoAsync(demo.Host.VerifierPage);
        string status = await ProveAsync(page, issued);
        Assert.StartsWith("Cannot prove", status, StringComparison.Ordinal);
        Assert.Matches("birth_date is (less|greater) than its prescribed (minimum|maximum) value", status);
        Assert.Equal("", await page.GetByLabel(new Regex("^Proof \\(JSON")).InputValueAsync());
        await demo.ScreenshotAsync(page, "9-holder-minor-refused");
    }
}
