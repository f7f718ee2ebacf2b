using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Samples.Demo;
using Pod.Samples.Election;
using Pod.Serialization;
using Xunit;

namespace Pod.Tests.Demo;

/// <summary>
/// The demo of docs/demo.md clicked through in headless Chromium: the issuer page issues an identity POD to the page's own
/// Semaphore identity, the verifier page proves the verifier's request in the browser with @pcd/gpc and sends the proof
/// (a tampered copy refused, the proof accepted, then a second proof of the same identity already claimed), and a minor's
/// POD cannot meet the request's birth-date range. Each step leaves a screenshot.
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

        // The one circuit the verifier accepts is the one gpcProve picks itself for the verifier's request over this POD: the
        // cheapest that fits (a POD with more entries, or a request with more checks, moves it).
        using var http = new HttpClient { BaseAddress = new Uri(demo.Host.VerifierAddress) };
        GpcProofRequest request = GpcJson.ParseProofRequest(await http.GetStringAsync("/request"));
        GpcBinding picked = GpcCompiler.CheckProvable(request.ProofConfig, new GpcProofInputs
        {
            Pods = new Dictionary<string, SignedPod> { [request.ProofConfig.Pods.Keys.Single()] = pod },
            Owner = new GpcProofOwnerInputs
            {
                SemaphoreV4 = SemaphoreIdentity.FromPrivateKey(Convert.FromBase64String(issued.Identity)),
                ExternalNullifier = request.ExternalNullifier,
            },
            MembershipLists = request.MembershipLists,
            Watermark = request.Watermark,
        });
        Assert.Equal(DemoHost.CircuitIdentifier, picked.Circuit.Identifier);
    }

    [Fact]
    public async Task ProofMadeInThePage_TamperedCopyRefused_ThenAcceptedOnce_ThenAlreadyClaimed()
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

        // First the proof with pi_a replaced by its negation: still a point on the curve, so the request is well formed, but
        // the pairing check fails. Refused before anything is recorded, so the genuine proof is still a first claim.
        JsonNode tampered = JsonNode.Parse(first)!;
        JsonArray piA = tampered["proof"]!["pi_a"]!.AsArray();
        BigInteger y = BigInteger.Parse(piA[1]!.GetValue<string>(), CultureInfo.InvariantCulture);
        piA[1] = (Fq.Modulus - y).ToString(CultureInfo.InvariantCulture);
        await page.GetByLabel(new Regex("^Proof \\(JSON")).FillAsync(tampered.ToJsonString());
        Assert.Equal("proof_invalid", await SendAsync(page));
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Refused");
        await demo.ScreenshotAsync(page, "5-verifier-tampered-refused");

        await page.GetByLabel(new Regex("^Proof \\(JSON")).FillAsync(first);
        Assert.Equal("verified", await SendAsync(page));
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Accepted — first claim");
        await demo.ScreenshotAsync(page, "6-verifier-accepted");

        // The same identity proves again (a fresh request, so a fresh watermark): a valid proof of an identity already counted.
        Assert.StartsWith("Proof made", await ProveAsync(page, issued), StringComparison.Ordinal);
        string second = await page.GetByLabel(new Regex("^Proof \\(JSON")).InputValueAsync();
        Assert.NotEqual(first, second);
        Assert.Equal("nullifier_used", await SendAsync(page));
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Already claimed");
        await demo.ScreenshotAsync(page, "7-verifier-already-claimed");
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

    [Fact]
    public async Task Pages_PassAxeWcagRules_AndTheIssuerFormWorksFromTheKeyboardInDocumentOrder()
    {
        IPage page = await demo.NewPageAsync();
        await page.GotoAsync(demo.Host.IssuerPage);

        // Tab visits the visible controls in document order (no tabindex reordering), starting from the page. A date
        // field takes one Tab per part (month, day, year), so repeated stops on one control count once.
        string[] expected = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href], button, input, textarea, select, summary')].filter(e => e.offsetParent !== null && !e.disabled).map(e => e.id || e.textContent.trim())");
        var visited = new List<string>();
        for (int presses = 0; visited.Count < expected.Length && presses < 4 * expected.Length; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            string focused = await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.textContent.trim()");
            if (visited.Count == 0 || visited[^1] != focused)
            {
                visited.Add(focused);
            }
        }

        Assert.Equal(expected, visited);

        // The sign-in from the keyboard alone: type into each field in turn, Enter submits.
        await page.GetByLabel("First name").FocusAsync();
        await page.Keyboard.TypeAsync("Alan");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Turing");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("birth-date", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("06231992");
        Assert.Equal("1992-06-23", await page.GetByLabel("Birth date").InputValueAsync());
        for (int part = 0; part < 3 && await page.EvaluateAsync<string>("() => document.activeElement.id") == "birth-date"; part++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.TypeAsync("GB");
        Assert.Equal("country", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Enter");
        await demo.ScreenshotAsync(page, "10-issuer-keyboard");
        await page.Locator("#result").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal("result-heading", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Contains("1992-06-23", await page.Locator("#pod-entries").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAxeCleanAsync(page);

        IPage verifier = await demo.NewPageAsync();
        await verifier.GotoAsync(demo.Host.VerifierPage);
        await Assertions.Expect(verifier.Locator("#request-summary li").First).Not.ToHaveTextAsync("Loading the proof request…");
        await AssertAxeCleanAsync(verifier);
    }

    [Fact]
    public async Task TallyPage_ShowsABallotAsItArrives()
    {
        IPage page = await demo.NewPageAsync();
        await page.GotoAsync(demo.Host.TallyPage);
        await Assertions.Expect(page.Locator("#election-id")).ToHaveTextAsync(demo.Host.DemoElection.Id);
        string candidate = DemoHost.Candidates[^1];
        ILocator count = page.Locator($"#tally td[data-candidate='{candidate}']");
        int before = int.Parse(await count.InnerTextAsync(), CultureInfo.InvariantCulture);

        // A voter proves in .NET and posts the ballot; the open page shows it at its next refresh.
        var prover = new GpcProver(new GpcArtifacts(Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS")!));
        using var http = new HttpClient { BaseAddress = new Uri(demo.Host.BallotBoxAddress) };
        using SemaphoreIdentity voter = SemaphoreIdentity.Generate();
        SignedPod voterPod = Pod.Samples.Election.Election.IssueVoterPod(demo.Host.DemoElection.Id, voter.PublicKey, demo.Host.ElectionAuthority);
        GpcProofRequest request = await ElectionSample.RequestAsync(http);
        using HttpResponseMessage answer = await http.PostAsync("/ballots",
            new StringContent(ElectionSample.Ballot(prover, voter, voterPod, request, candidate).ToJson(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        await Assertions.Expect(count).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await demo.ScreenshotAsync(page, "11-tally");
        await AssertAxeCleanAsync(page);
    }

    /// <summary>axe-core's WCAG 2 A and AA rules (labels, names, contrast, landmarks, language) find nothing on the page.</summary>
    private static async Task AssertAxeCleanAsync(IPage page)
    {
        AxeResult result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Violations.Length == 0, string.Join("; ", result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
