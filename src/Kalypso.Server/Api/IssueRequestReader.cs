using System.Text.Json;
using Kalypso.Core.Names;

namespace Kalypso.Server.Api;

/// <summary>What a <c>POST /certificates</c> body asked for, before the CA's rules are applied.</summary>
internal sealed record IssueRequestBody(IReadOnlyList<string> Domains, IReadOnlyList<string>? IpAddresses, int? Hours, int? LifetimeMinutes);

/// <summary>
/// Reads a <c>POST /certificates</c> body strictly and without reflection: syntax errors are
/// 400, anything else wrong (types, missing or repeated fields, bounds) is 422 naming the field
/// and the rule. Unknown fields are ignored, as the original service ignored them.
/// </summary>
internal static class IssueRequestReader
{
    public const int MinHours = 1;
    public const int MaxHours = 168;
    public const int MinLifetimeMinutes = 5;
    public const int MaxLifetimeMinutes = 7 * 24 * 60;

    private static readonly JsonReaderOptions Options = new()
    {
        MaxDepth = 8,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static IssueRequestBody Read(ReadOnlySpan<byte> body)
    {
        try
        {
            CheckSyntax(body);
            return ReadFields(body);
        }
        catch (JsonException e)
        {
            throw RequestProblem.Malformed("The body is not valid JSON: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            // Invalid UTF-8 or a lone surrogate inside a string.
            throw RequestProblem.Malformed("The body is not valid JSON text: " + e.Message);
        }
    }

    // A first pass over the whole document, so a syntax error anywhere is a 400 before any field is judged.
    private static void CheckSyntax(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        if (!reader.Read()) throw RequestProblem.Malformed("The body is empty; send a JSON object such as {\"domains\":[\"localhost\"]}.");
        reader.Skip();
        while (reader.Read()) { }
    }

    private static IssueRequestBody ReadFields(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw RequestProblem.Validation("body", "body-object", "The body must be a JSON object such as {\"domains\":[\"localhost\"]}.");
        }

        List<string>? domains = null;
        List<string>? ips = null;
        int? hours = null;
        int? minutes = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (name is "domains" or "hours" or "ip_addresses" or "lifetime_minutes" && !seen.Add(name))
            {
                throw RequestProblem.Validation(name, "field-repeated", $"'{name}' appears more than once in the body.");
            }
            switch (name)
            {
                case "domains":
                    domains = ReadNames(ref reader, name);
                    break;
                case "ip_addresses":
                    ips = ReadNames(ref reader, name);
                    break;
                case "hours":
                    hours = ReadWholeNumber(ref reader, name, MinHours, MaxHours, "hours-range");
                    break;
                case "lifetime_minutes":
                    minutes = ReadWholeNumber(ref reader, name, MinLifetimeMinutes, MaxLifetimeMinutes, "lifetime-bounds");
                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        if (domains is null)
        {
            throw RequestProblem.Validation("domains", "domains-required", "'domains' is required: a non-empty array of DNS names, such as [\"localhost\"].");
        }
        if (domains.Count == 0)
        {
            throw RequestProblem.Validation("domains", "domains-empty", "'domains' must hold at least one name.");
        }
        if (hours is not null && minutes is not null)
        {
            throw RequestProblem.Validation("lifetime_minutes", "lifetime-exclusive", "Give either 'hours' or 'lifetime_minutes', not both.");
        }
        return new IssueRequestBody(domains, ips, hours, minutes);
    }

    private static List<string>? ReadNames(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw RequestProblem.Validation(field, "type-string-array", $"'{field}' must be an array of strings.");
        }
        var names = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw RequestProblem.Validation(field, "type-string-array", $"'{field}' must be an array of strings; entry {names.Count + 1} is a {Describe(reader.TokenType)}.");
            }
            if (names.Count == NameParser.MaxNames)
            {
                throw RequestProblem.Validation(field, "too-many-names", $"A certificate may cover at most {NameParser.MaxNames} names.");
            }
            names.Add(reader.GetString()!);
        }
        return names;
    }

    private static int? ReadWholeNumber(ref Utf8JsonReader reader, string field, int min, int max, string rangeRule)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw RequestProblem.Validation(field, "type-integer", $"'{field}' must be a whole number from {min} to {max}, not a {Describe(reader.TokenType)}.");
        }
        if (reader.TryGetInt32(out var value) && value >= min && value <= max) return value;
        var text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        if (text.Length > 40) text = text[..37] + "...";
        throw RequestProblem.Validation(field, rangeRule, $"'{field}' must be a whole number from {min} to {max}; got {text}.");
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        _ => token.ToString(),
    };
}
