using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kalypso.Server.Issuance;

namespace Kalypso.Server.Api;

/// <summary><c>GET /health</c>, <c>GET /ca.pem</c> and <c>GET /ca.json</c>: what a client needs before it asks for a certificate.</summary>
internal static class CaEndpoints
{
    public const string PemContentType = "application/x-pem-file";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (IssuanceService service) =>
                TypedResults.Json(new HealthResponse("ok", true, service.Store.AuditLog.Count()), WireJsonContext.Wire.HealthResponse))
            .WithName("Health")
            .WithSummary("Whether the service is up, and how many certificates the store's audit log records.");

        app.MapGet("/ca.pem", (IssuanceService service) => TypedResults.Text(service.CaCertificatePem, PemContentType))
            .WithName("CaPem")
            .WithSummary("The root certificate as raw PEM: trust it once.")
            .Produces<string>(StatusCodes.Status200OK, PemContentType);

        app.MapGet("/ca.json", (IssuanceService service) =>
            {
                var ca = service.Authority;
                return TypedResults.Json(new CaResponse(
                    service.CaCertificatePem,
                    ca.Fingerprint,
                    WireTime.Format(ca.NotBefore),
                    WireTime.Format(ca.NotAfter),
                    Rfc4514(ca.Certificate.SubjectName)), WireJsonContext.Wire.CaResponse);
            })
            .WithName("CaJson")
            .WithSummary("The root certificate with its fingerprint, validity and subject.");
    }

    // RFC 4514 order and escaping (most specific attribute first, no space after commas), as the original service printed it.
    internal static string Rfc4514(X500DistinguishedName name)
    {
        var text = new StringBuilder();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: true))
        {
            if (text.Length > 0) text.Append(',');
            var oid = rdn.GetSingleElementType();
            var label = oid.Value switch
            {
                "2.5.4.3" => "CN",
                "2.5.4.10" => "O",
                "2.5.4.11" => "OU",
                "2.5.4.6" => "C",
                "2.5.4.7" => "L",
                "2.5.4.8" => "ST",
                _ => oid.Value,
            };
            text.Append(label).Append('=');
            var value = rdn.GetSingleElementValue() ?? "";
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=' || (i == 0 && c is ' ' or '#') || (i == value.Length - 1 && c == ' '))
                {
                    text.Append('\\');
                }
                text.Append(c);
            }
        }
        return text.ToString();
    }
}
