using System.Globalization;
using System.Net;
using System.Net.Security;

namespace Kalypso.Playground.Web;

/// <summary>The front page: what the API said, and the certificate it said it over.</summary>
public static class CertificatePage
{
    public static string Render(string apiUrl, string? apiAnswer, string? error, ServedCertificate? served)
    {
        var rows = served is null
            ? "<p>No TLS handshake with the API yet.</p>"
            : $"""
              <dl>
                <dt>Subject</dt><dd id="subject">{E(served.Subject)}</dd>
                <dt>Names</dt><dd id="names">{E(string.Join(", ", served.Names))}</dd>
                <dt>SHA-256 fingerprint</dt><dd id="fingerprint">{E(served.Fingerprint)}</dd>
                <dt>Valid from</dt><dd id="not-before">{Iso(served.NotBefore)}</dd>
                <dt>Expires</dt><dd id="not-after">{Iso(served.NotAfter)}</dd>
                <dt>Issuer</dt><dd id="issuer">{E(served.Issuer)}</dd>
                <dt>Chain</dt><dd id="chain">{E(string.Join(" → ", served.Chain))}</dd>
                <dt>Chain verified</dt><dd id="verified">{E(Verdict(served))}</dd>
              </dl>
              """;
        var answer = error is null
            ? $"<p>The API at <code>{E(apiUrl)}</code> answered: <q id=\"answer\">{E(apiAnswer ?? "")}</q></p>"
            : $"<p id=\"error\">Calling the API at <code>{E(apiUrl)}</code> failed: {E(error)}</p>";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Kalypso playground</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}dt{font-weight:600;margin-top:.5rem}dd{font-family:monospace;margin-left:1rem;word-break:break-all}</style>
            </head>
            <body>
            <h1>Kalypso playground</h1>
            {{answer}}
            <h2>The certificate the API served</h2>
            {{rows}}
            </body>
            </html>
            """;
    }

    private static string Verdict(ServedCertificate served) => (served.Accepted, served.PlatformErrors) switch
    {
        (true, SslPolicyErrors.None) => "yes: the chain ends at a trusted root (the Kalypso root, which Aspire adds through SSL_CERT_DIR)",
        (true, _) => $"yes: the chain ends at the Kalypso root (Kalypso.Aspire.Client; the platform alone said {served.PlatformErrors})",
        (false, _) => $"no: {served.PlatformErrors}",
    };

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
