using System.Text.Json.Serialization;

namespace Kalypso.Core.Store;

/// <summary>One line of the audit log: one certificate issued.</summary>
/// <param name="Time">When it was issued (UTC).</param>
/// <param name="Serial">Its serial number, upper-case hex.</param>
/// <param name="Names">The names it covers.</param>
/// <param name="NotAfter">When it expires (UTC).</param>
/// <param name="Fingerprint">Its SHA-256 fingerprint.</param>
/// <param name="Requester">Who asked: a command, a client address, a resource name.</param>
public sealed record AuditEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("serial")] string Serial,
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("not_after")] DateTimeOffset NotAfter,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("requester")] string Requester);

/// <summary>Source-generated JSON for the audit log.</summary>
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
