using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>With only KALYPSO_URL, the service gets its certificate from the issuing service and renews it at 2/3 of its lifetime.</summary>
public sealed class IssuerRenewalTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestCa _ca = new();

    [Fact]
    public async Task The_certificate_comes_from_the_issuing_service_and_is_renewed_at_two_thirds_of_its_life()
    {
        await using var issuer = await TestIssuer.StartAsync(_ca.Authority);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await KalypsoService.StartAsync(
            new()
            {
                ["KALYPSO_URL"] = issuer.Url.ToString(),
                ["KALYPSO_CA_FILE"] = _ca.WriteRoot(_folder),
                ["Kalypso:Client:IssuedLifetime"] = "00:10:00",
                ["Kalypso:Client:PollInterval"] = "00:00:05",
            },
            services => services.TryAddSingleton<TimeProvider>(time));
        using var client = new ClientHost(new() { ["KALYPSO_CA_FILE"] = _folder.File("ca.pem") });

        Assert.Equal("ok", await client.Create().GetStringAsync($"https://localhost:{service.Port}/", TestContext.Current.CancellationToken));
        var first = service.Served.Current!;
        var request = Assert.Single(issuer.Requests);
        Assert.Equal(["localhost", "127.0.0.1", "::1"], request["domains"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(10, request["lifetime_minutes"]!.GetValue<int>());

        // The leaf is backdated 5 minutes for clock skew, so it runs from now-5 to now+10:
        // two thirds of 15 minutes from its start is now+5. At now+4 nothing happens yet.
        await AdvanceAsync(time, TimeSpan.FromMinutes(4));
        Assert.Single(issuer.Requests);
        Assert.Same(first, service.Served.Current);

        await AdvanceAsync(time, TimeSpan.FromMinutes(1.1));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (service.Served.Rotations == 0 && DateTime.UtcNow < deadline)
        {
            await AdvanceAsync(time, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(1, service.Served.Rotations);
        Assert.Equal(2, issuer.Requests.Count);
        Assert.NotEqual(Convert.ToHexString(SHA256.HashData(first.RawData)), service.Served.Fingerprint);
        Assert.Equal("ok", await client.Create().GetStringAsync($"https://127.0.0.1:{service.Port}/", TestContext.Current.CancellationToken));
    }

    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        // Give the renewal loop a moment to be waiting on the fake clock before it moves.
        await Task.Delay(100, TestContext.Current.CancellationToken);
        time.Advance(by);
        await Task.Delay(100, TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}
