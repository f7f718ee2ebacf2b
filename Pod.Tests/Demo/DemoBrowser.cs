using Microsoft.Playwright;
using Pod.Samples.Demo;
using Xunit;

namespace Pod.Tests.Demo;

/// <summary>
/// What the demo page tests stand on: <see cref="DemoHost"/> (issuer and verifier on 127.0.0.1), the pages built by test.sh
/// (tools/demo-web/dist), the circuit artifacts (POD_GPC_ARTIFACTS) and Debian's chromium driven by Playwright (never a
/// downloaded browser: <c>POD_CHROMIUM</c>, else <c>/usr/lib/chromium/chromium</c>, which test.sh installs with apt).
/// Screenshots go to <c>$POD_TEST_ARTIFACTS/demo</c>, else <c>TestResults/demo</c> at the repository root.
/// </summary>
public sealed class DemoBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    internal DemoHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("POD_TEST_ARTIFACTS") is { Length: > 0 } set ? set : Path.Combine(RepositoryRoot(), "TestResults"), "demo");

    public static string ChromiumPath()
    {
        string? set = Environment.GetEnvironmentVariable("POD_CHROMIUM");
        string path = set is { Length: > 0 } ? set : "/usr/lib/chromium/chromium";
        Assert.True(File.Exists(path), $"Chromium is not at {path}: run the tests through test.sh, which installs Debian's chromium, or set POD_CHROMIUM.");
        return path;
    }

    public async Task InitializeAsync()
    {
        string? artifacts = Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS");
        Assert.False(string.IsNullOrEmpty(artifacts), "POD_GPC_ARTIFACTS is not set: run the tests through test.sh.");
        Assert.True(DemoPages.FindWebRoot() is not null, "The demo pages are not built (tools/demo-web/dist): run the tests through test.sh.");
        Directory.CreateDirectory(ScreenshotDirectory);
        Host = await DemoHost.StartAsync(artifacts!);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (its own storage, so its own Semaphore identity) with downloads allowed.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, Locale = "en-US", ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        return await context.NewPageAsync();
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Pod.sln")))
            {
                return d.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
