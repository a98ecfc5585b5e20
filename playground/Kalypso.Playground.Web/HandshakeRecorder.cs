using System.Net.Security;

namespace Kalypso.Playground.Web;

/// <summary>
/// Wraps the TLS validation the API client already has (the platform's, plus Kalypso.Aspire.Client's)
/// to remember what the API served. It never changes the decision: it only watches it.
/// </summary>
public sealed class HandshakeRecorder
{
    private ServedCertificate? _last;

    /// <summary>The certificate of the last handshake with the API, if any.</summary>
    public ServedCertificate? Last => Volatile.Read(ref _last);

    public void Watch(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                // A new connection per request, so each page view shows the certificate served now.
                sockets.PooledConnectionLifetime = TimeSpan.Zero;
                var previous = sockets.SslOptions.RemoteCertificateValidationCallback;
                sockets.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                {
                    var accepted = previous?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
                    Record(certificate, chain, errors, accepted);
                    return accepted;
                };
                break;
            case HttpClientHandler classic:
                var previousClassic = classic.ServerCertificateCustomValidationCallback;
                classic.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                {
                    var accepted = previousClassic?.Invoke(message, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
                    Record(certificate, chain, errors, accepted);
                    return accepted;
                };
                break;
        }
    }

    private void Record(System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors, bool accepted)
    {
        if (certificate is null) return;
        using var copy = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        Volatile.Write(ref _last, ServedCertificate.From(copy, chain, errors, accepted));
    }
}
