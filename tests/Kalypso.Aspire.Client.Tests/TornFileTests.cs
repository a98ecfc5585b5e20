using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>A rewrite caught half-way (new key, old certificate; a truncated certificate) never replaces the served certificate.</summary>
public sealed class TornFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestCa _ca = new();

    [Fact]
    public async Task A_mismatched_or_truncated_pair_is_skipped_and_the_old_certificate_kept_until_the_pair_is_whole()
    {
        var certFile = _folder.File("c.pem");
        var keyFile = _folder.File("k.pem");
        using var first = _ca.Issue("localhost");
        using var second = _ca.Issue("localhost");
        CertificateFileWriter.WriteAtOnce(first, certFile, keyFile);
        var logs = new CapturingLoggerProvider();
        await using var service = await KalypsoService.StartAsync(
            new() { ["KALYPSO_CERT_FILE"] = certFile, ["KALYPSO_KEY_FILE"] = keyFile, ["Kalypso:Client:PollInterval"] = "00:00:00.200" },
            services => services.AddLogging(l => l.AddProvider(logs)));
        var served = service.Served.Current;

        // The new key beside the old certificate: they do not match.
        File.WriteAllText(keyFile, second.PrivateKeyPem);
        await WaitForLogAsync(logs, "cannot load the certificate");
        Assert.Same(served, service.Served.Current);

        // The new certificate cut off in the middle.
        File.WriteAllText(certFile, second.CertificatePem[..(second.CertificatePem.Length / 2)]);
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Same(served, service.Served.Current);
        Assert.Equal(0, service.Served.Rotations);

        File.WriteAllText(certFile, second.CertificatePem);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (service.Served.Rotations == 0 && DateTime.UtcNow < deadline) await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.Equal(1, service.Served.Rotations);
        Assert.Equal(second.Fingerprint.Replace(":", "", StringComparison.Ordinal), service.Served.Fingerprint);
    }

    private static async Task WaitForLogAsync(CapturingLoggerProvider logs, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!logs.Lines.Any(l => l.Message.Contains(text, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Contains(logs.Lines, l => l.Message.Contains(text, StringComparison.Ordinal) && l.Level == LogLevel.Warning);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}
