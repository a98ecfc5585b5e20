using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kalypso.Server.Api;

/// <summary>The body of <c>GET /health</c>.</summary>
/// <param name="Status">Always <c>ok</c> while the service answers.</param>
/// <param name="CaInitialized">Whether a CA is loaded (always true: the service does not start without one).</param>
/// <param name="IssuedCount">How many certificates the store's audit log records, from any process.</param>
public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ca_initialized")] bool CaInitialized,
    [property: JsonPropertyName("issued_count")] long IssuedCount);

/// <summary>The body of <c>GET /ca.json</c>.</summary>
/// <param name="Certificate">The root certificate, PEM.</param>
/// <param name="Fingerprint">Its SHA-256 fingerprint, upper-case hex bytes separated by colons.</param>
/// <param name="NotBefore">When it became valid, ISO-8601 UTC.</param>
/// <param name="NotAfter">When it expires, ISO-8601 UTC.</param>
/// <param name="Subject">Its subject, in RFC 4514 form (most specific first).</param>
public sealed record CaResponse(
    [property: JsonPropertyName("certificate")] string Certificate,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("not_before")] string NotBefore,
    [property: JsonPropertyName("not_after")] string NotAfter,
    [property: JsonPropertyName("subject")] string Subject);

/// <summary>The body of <c>POST /certificates</c> (documentation of the wire format; the service reads it with its own strict reader).</summary>
/// <param name="Domains">DNS names (or IP literals) the certificate covers; required, non-empty. A wildcard is allowed as the whole leftmost label.</param>
/// <param name="Hours">Lifetime in whole hours, 1 to 168; 24 when neither this nor <paramref name="LifetimeMinutes"/> is given.</param>
/// <param name="IpAddresses">IP address literals the certificate also covers.</param>
/// <param name="LifetimeMinutes">Lifetime in whole minutes, 5 to 10080, for certificates shorter than an hour; not together with <paramref name="Hours"/>.</param>
public sealed record IssueRequestDocument(
    [property: JsonPropertyName("domains")] IReadOnlyList<string> Domains,
    [property: JsonPropertyName("hours")] int? Hours,
    [property: JsonPropertyName("ip_addresses")] IReadOnlyList<string>? IpAddresses,
    [property: JsonPropertyName("lifetime_minutes")] int? LifetimeMinutes);

/// <summary>The body of a successful <c>POST /certificates</c>.</summary>
/// <param name="Certificate">The leaf certificate, PEM.</param>
/// <param name="PrivateKey">Its private key, unencrypted PKCS#8 PEM.</param>
/// <param name="Domains">The domains as requested.</param>
/// <param name="NotAfter">When the certificate expires, ISO-8601 UTC.</param>
/// <param name="CaCertificate">The issuing root, PEM.</param>
/// <param name="Fingerprint">The leaf's SHA-256 fingerprint.</param>
/// <param name="Serial">The leaf's serial number, upper-case hex.</param>
public sealed record IssueResponse(
    [property: JsonPropertyName("certificate")] string Certificate,
    [property: JsonPropertyName("private_key")] string PrivateKey,
    [property: JsonPropertyName("domains")] IReadOnlyList<string> Domains,
    [property: JsonPropertyName("not_after")] string NotAfter,
    [property: JsonPropertyName("ca_certificate")] string CaCertificate,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("serial")] string Serial);

/// <summary>An RFC 7807 problem-details body, with the field at fault and the rule it broke.</summary>
/// <param name="Type">A URN naming the kind of problem, such as <c>urn:kalypso:problem:validation</c>.</param>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What exactly was wrong with this request.</param>
/// <param name="Instance">The request path.</param>
/// <param name="Field">The request field at fault, when there is one.</param>
/// <param name="Rule">A short, stable identifier of the rule that was broken.</param>
public sealed record ProblemResponse(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("field"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field,
    [property: JsonPropertyName("rule")] string Rule);

/// <summary>Source-generated JSON for everything the service reads or writes.</summary>
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(CaResponse))]
[JsonSerializable(typeof(IssueRequestDocument))]
[JsonSerializable(typeof(IssueResponse))]
[JsonSerializable(typeof(ProblemResponse))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the service writes with. Relaxed escaping keeps PEM's '+' and messages' quotes
    /// readable; safe because these bodies are JSON for programs, never HTML, and no CORS header
    /// lets a page read them.
    /// </summary>
    public static WireJsonContext Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
