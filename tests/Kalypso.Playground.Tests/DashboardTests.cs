using System.Globalization;
using Kalypso.Core.Store;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;

namespace Kalypso.Playground.Tests;

/// <summary>
/// The playground as a newcomer sees it: started with <c>dotnet run</c>, every resource Healthy over
/// HTTPS, then the Aspire dashboard in a real headless Chromium (Debian's, never a downloaded one),
/// logged in with the printed token, showing the same CA and API certificate the store records.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class DashboardTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_dashboard_shows_the_CA_and_the_API_certificate_the_store_recorded()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var store = Directory.CreateTempSubdirectory("kalypso-playground-tests-");
        try
        {
            await using var playground = PlaygroundProcess.Start(Path.Combine(store.FullName, "store"));
            var loginUrl = await playground.LoginUrl.WaitAsync(StartTimeout, cancellation);
            var ready = await playground.Ready.WaitAsync(StartTimeout, cancellation);
            var message = $"dotnet run -> all resources Healthy: {playground.TimeToHealthy!.Value.TotalSeconds:F1} s ({ready})";
            TestContext.Current.SendDiagnosticMessage(message);
            TestContext.Current.TestOutputHelper?.WriteLine(message);

            var status = CaStore.Open(playground.StoreDirectory).GetStatus();
            var apiEntry = CaStore.Open(playground.StoreDirectory).AuditLog.ReadAll().Last(e => e.Requester == "aspire:api");

            await ExpectWebPageShowsAsync(await playground.WebPage.WaitAsync(StartTimeout, cancellation), playground.StoreDirectory, apiEntry.Fingerprint, cancellation);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
            await page.GotoAsync(loginUrl);

            foreach (var resource in new[] { "kalypso", "api", "web", "node" })
            {
                await page.GetByText(resource, new PageGetByTextOptions { Exact = true }).First.WaitForAsync();
            }

            await OpenDetailsAsync(page, "kalypso", "kalypso.ca.fingerprint");
            await ExpectTextAsync(page, status.Fingerprint);
            await ExpectTextAsync(page, Iso(status.NotAfter));

            await OpenDetailsAsync(page, "api", "kalypso.certificate.fingerprint");
            await ExpectTextAsync(page, apiEntry.Fingerprint);
            await ExpectTextAsync(page, Iso(apiEntry.NotAfter));

            var screenshot = Path.Combine(RepositoryRoot.Path, "artifacts", "playground-dashboard.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            TestContext.Current.SendDiagnosticMessage($"screenshot: {screenshot}");
            TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {screenshot}");
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }

    // The web front end called the API by service discovery over HTTPS and shows what it was served.
    private static async Task ExpectWebPageShowsAsync(string url, string store, string apiFingerprint, CancellationToken cancellationToken)
    {
        using var root = X509CertificateLoader.LoadCertificateFromFile(CaStore.Open(store).CertificatePath);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        using var client = new HttpClient(handler);
        var page = await client.GetStringAsync(url, cancellationToken);
        Assert.Contains($"<dd id=\"fingerprint\">{apiFingerprint}</dd>", page);
        Assert.Contains("<dd id=\"verified\">yes:", page);
        Assert.Contains("Hello from the api", page);
    }

    private static async Task OpenDetailsAsync(IPage page, string resource, string property)
    {
        await page.GetByText(resource, new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await page.GetByText("Display name", new PageGetByTextOptions { Exact = true }).First.WaitForAsync();
        await ShowAllPropertiesAsync(page, property);
    }

    // The dashboard lists properties it does not know (all of Kalypso's) only with "show all" on,
    // a choice in the details panel's "View options" menu; it is remembered per session once set.
    private static async Task ShowAllPropertiesAsync(IPage page, string property)
    {
        var shown = page.GetByText(property, new PageGetByTextOptions { Exact = true }).First;
        // Once switched on, "show all" stays on for the next resource, whose panel may still be drawing.
        try
        {
            await shown.WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
            return;
        }
        catch (TimeoutException)
        {
        }
        // The button can be drawn before Blazor wires it up: open the menu again until it shows.
        var menuItem = page.GetByText("Show all properties", new PageGetByTextOptions { Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "View options" }).Last.ClickAsync();
            try
            {
                await menuItem.WaitForAsync(new LocatorWaitForOptions { Timeout = 3_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 12)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot.Path, "artifacts", $"playground-dashboard-menu-attempt{attempt}.png") });
                await page.Keyboard.PressAsync("Escape");
            }
        }
        await menuItem.ClickAsync();
        await shown.WaitForAsync();
    }

    private static async Task ExpectTextAsync(IPage page, string text)
    {
        try
        {
            await page.GetByText(text, new PageGetByTextOptions { Exact = false }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var failed = Path.Combine(RepositoryRoot.Path, "artifacts", "playground-dashboard-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = failed, FullPage = true });
            var buttons = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('fluent-button,button,fluent-menu-item,[role=menuitem],[role=menuitemcheckbox]')].map(b => (b.getAttribute('aria-label')||'') + '|' + (b.getAttribute('title')||'') + '|' + b.textContent.trim().slice(0,40))");
            await File.WriteAllTextAsync(Path.ChangeExtension(failed, ".html"), await page.ContentAsync());
            Assert.Fail($"The dashboard does not show '{text}'. Screenshot: {failed}\n{string.Join("\n", buttons)}");
        }
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
