using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Kalypso.Aspire.Client.Serving;

/// <summary>
/// Makes every Kestrel HTTPS endpoint pick its certificate per handshake from
/// <see cref="KalypsoServedCertificate"/>. A selector set in the HTTPS defaults wins over
/// Kestrel's configured default certificate (<c>Kestrel:Certificates:Default</c>), which Kestrel
/// would otherwise load once and keep until the process restarts.
/// </summary>
internal sealed class KestrelCertificateSelection(KalypsoServedCertificate served) : IConfigureOptions<KestrelServerOptions>
{
    private static readonly TimeSpan FirstCertificateWait = TimeSpan.FromSeconds(30);

    public void Configure(KestrelServerOptions options)
    {
        options.ConfigureHttpsDefaults(https => https.ServerCertificateSelector = (_, _) =>
        {
            if (served.Current is { } current) return current;
            // Only before the first certificate arrives (from a slow issuing service).
            served.FirstLoaded.Wait(FirstCertificateWait);
            return served.Current;
        });
    }
}
