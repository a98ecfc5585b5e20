using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kalypso.Aspire.Client.Serving;

/// <summary>
/// Asks the Kalypso issuing service for the served certificate (<c>POST /certificates</c>) and
/// asks again once <see cref="KalypsoClientOptions.RenewAt"/> of its lifetime has passed. The
/// check runs at short intervals against the clock rather than sleeping until the renewal time,
/// so a machine that slept renews when it wakes. A failed request is retried; the old
/// certificate is served meanwhile.
/// </summary>
internal sealed partial class IssuerCertificateRenewer(
    IOptions<KalypsoClientOptions> options,
    KalypsoServedCertificate served,
    IHttpClientFactory clients,
    TimeProvider time,
    ILogger<IssuerCertificateRenewer> logger) : BackgroundService
{
    /// <summary>The name of the <see cref="HttpClient"/> used to reach the issuing service.</summary>
    public const string HttpClientName = "kalypso-issuer";

    // A service whose issuer is down starts (and serves nothing yet) instead of hanging on HttpClient's 100 s default.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first certificate is fetched before Kestrel binds, so the first handshake has one.
        await TryRenewAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (IsDue(settings)) await TryRenewAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private bool IsDue(KalypsoClientOptions settings)
    {
        if (served.Current is not { } current) return true;
        var notBefore = new DateTimeOffset(current.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(current.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return time.GetUtcNow() >= notBefore + (notAfter - notBefore) * settings.RenewAt;
    }

    private async Task TryRenewAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = new Uri(settings.IssuerUrl!.ToString().TrimEnd('/') + "/certificates");
        try
        {
            var request = IssueRequest.For(settings);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(RequestTimeout);
            using var client = clients.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(url, request, IssuerJson.Default.IssueRequest, attempt.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
                KalypsoClientLog.IssuerRefused(logger, url, (int)response.StatusCode, body.Length > 500 ? body[..500] : body);
                return;
            }
            var issued = await response.Content.ReadFromJsonAsync(IssuerJson.Default.IssueResponse, attempt.Token).ConfigureAwait(false)
                ?? throw new InvalidDataException("the response body is empty");
            var certificate = ForSslStream(X509Certificate2.CreateFromPem(issued.Certificate, issued.PrivateKey));
            if (served.Replace(certificate, url.ToString()))
            {
                KalypsoClientLog.CertificateLoaded(logger, url.ToString(), certificate.Subject, certificate.NotAfter.ToUniversalTime(), served.Fingerprint!);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
            or System.Security.Cryptography.CryptographicException or InvalidDataException or ArgumentException)
        {
            // The next poll tries again (IsDue stays true); the old certificate is served meanwhile.
            KalypsoClientLog.IssuerUnreachable(logger, url, e.Message, served.Current is not null);
        }
    }

    // SChannel cannot serve an ephemeral PEM key; a PKCS#12 round trip gives it one it can use.
    private static X509Certificate2 ForSslStream(X509Certificate2 loaded)
    {
        if (!OperatingSystem.IsWindows()) return loaded;
        using (loaded)
        {
            return X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
        }
    }

    internal sealed record IssueRequest(
        [property: JsonPropertyName("domains")] IReadOnlyList<string> Domains,
        [property: JsonPropertyName("hours"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Hours,
        [property: JsonPropertyName("lifetime_minutes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LifetimeMinutes)
    {
        public static IssueRequest For(KalypsoClientOptions settings)
        {
            var names = settings.IssuedNames.Count > 0 ? [.. settings.IssuedNames] : new List<string> { "localhost", "127.0.0.1", "::1" };
            var lifetime = settings.IssuedLifetime;
            return lifetime.TotalMinutes % 60 == 0
                ? new IssueRequest(names, (int)lifetime.TotalHours, null)
                : new IssueRequest(names, null, (int)Math.Ceiling(lifetime.TotalMinutes));
        }
    }

    internal sealed record IssueResponse(
        [property: JsonPropertyName("certificate")] string Certificate,
        [property: JsonPropertyName("private_key")] string PrivateKey);

    [JsonSerializable(typeof(IssueRequest))]
    [JsonSerializable(typeof(IssueResponse))]
    internal sealed partial class IssuerJson : JsonSerializerContext;
}
