using System.Buffers;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Server.Issuance;
using Microsoft.Net.Http.Headers;

namespace Kalypso.Server.Api;

/// <summary>
/// <c>POST /certificates</c>: reads the body itself (JSON only, bounded size) so every bad input
/// gets a precise 4xx, issues through the service, and answers in JSON or, when the client
/// prefers <c>application/x-pem-file</c>, as one PEM bundle (certificate, key, root).
/// </summary>
internal static class CertificateEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/certificates", HandleAsync)
            .WithName("IssueCertificate")
            .WithSummary("Issue a short-lived leaf certificate and its private key.")
            .WithDescription("Send {\"domains\":[...], \"hours\":24, \"ip_addresses\":[...]} as application/json. 'hours' is 1-168 (default 24); " +
                "'lifetime_minutes' (5-10080) asks for a shorter lifetime and may not be combined with 'hours'. " +
                "With 'Accept: application/x-pem-file' the answer is a PEM bundle: certificate, private key, root.")
            .Accepts<IssueRequestDocument>("application/json")
            .Produces<IssueResponse>(StatusCodes.Status200OK, "application/json", CaEndpoints.PemContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task HandleAsync(HttpContext context, IssuanceService service, KalypsoServerOptions options)
    {
        RequireJson(context.Request.ContentType);
        var limit = options.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit) throw RequestProblem.TooLarge(limit);

        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        IssueRequestBody body;
        try
        {
            var length = await ReadBodyAsync(context, buffer.AsMemory(0, limit + 1), limit);
            body = IssueRequestReader.Read(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var request = ToLeafRequest(body, context);
        IssuedCertificate issued;
        try
        {
            issued = service.Issue(request);
        }
        catch (KalypsoValidationException e)
        {
            throw RequestProblem.Validation(FieldOf(e.Field), e.Rule, e.Message);
        }
        catch (KalypsoException e)
        {
            throw new RequestProblem(StatusCodes.Status503ServiceUnavailable, "ca-unavailable", "The CA cannot issue", "ca-valid", e.Message);
        }

        using (issued)
        {
            var certificate = Pem.WithNewline(issued.CertificatePem);
            var privateKey = Pem.WithNewline(issued.PrivateKeyPem);
            context.Response.Headers.CacheControl = "no-store";
            if (PrefersPem(context.Request))
            {
                context.Response.ContentType = CaEndpoints.PemContentType;
                await context.Response.WriteAsync(certificate + privateKey + service.CaCertificatePem);
                return;
            }
            var answer = new IssueResponse(certificate, privateKey, body.Domains, WireTime.Format(issued.NotAfter),
                service.CaCertificatePem, issued.Fingerprint, issued.SerialNumber);
            await context.Response.WriteAsJsonAsync(answer, WireJsonContext.Wire.IssueResponse);
        }
    }

    private static void RequireJson(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw RequestProblem.UnsupportedMediaType(contentType);
        }
    }

    private static async Task<int> ReadBodyAsync(HttpContext context, Memory<byte> buffer, int limit)
    {
        var total = 0;
        while (true)
        {
            var read = await context.Request.Body.ReadAsync(buffer[total..], context.RequestAborted);
            if (read == 0) return total;
            total += read;
            if (total > limit) throw RequestProblem.TooLarge(limit);
        }
    }

    private static LeafRequest ToLeafRequest(IssueRequestBody body, HttpContext context)
    {
        CertificateNames names;
        try
        {
            // The original service issued wildcards; the name rules still allow one only as the whole leftmost label.
            names = NameParser.Parse(body.Domains, body.IpAddresses, allowWildcards: true);
        }
        catch (KalypsoValidationException e)
        {
            throw RequestProblem.Validation(e.Field, e.Rule, e.Message);
        }
        TimeSpan? lifetime = body.LifetimeMinutes is { } minutes ? TimeSpan.FromMinutes(minutes)
            : body.Hours is { } hours ? TimeSpan.FromHours(hours)
            : null;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return new LeafRequest(names) { Lifetime = lifetime, Requester = "http " + client };
    }

    // Core calls the lifetime field 'lifetime'; on the wire it is 'hours' or 'lifetime_minutes'.
    private static string FieldOf(string coreField) => coreField == "lifetime" ? "hours" : coreField;

    private static bool PrefersPem(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges)) return false;
        double pem = 0, json = 0;
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1.0;
            if (range.MediaType.Equals(CaEndpoints.PemContentType, StringComparison.OrdinalIgnoreCase)) pem = Math.Max(pem, quality);
            else if (range.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) json = Math.Max(json, quality);
        }
        return pem > 0 && pem >= json;
    }
}
