namespace Kalypso.Server.Api;

/// <summary>A request the service refuses, with everything its problem-details answer needs.</summary>
internal sealed class RequestProblem(int status, string kind, string title, string rule, string detail, string? field = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Kind { get; } = kind;
    public string Title { get; } = title;
    public string Rule { get; } = rule;
    public string? Field { get; } = field;

    public static RequestProblem Validation(string field, string rule, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, "validation", "The request breaks a rule", rule, detail, field);

    public static RequestProblem Malformed(string detail) =>
        new(StatusCodes.Status400BadRequest, "malformed-json", "The body is not valid JSON", "json-syntax", detail);

    public static RequestProblem TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The body is too large", "body-size",
            $"The request body is larger than {limit} bytes.");

    public static RequestProblem UnsupportedMediaType(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The body must be JSON", "content-type-json",
            contentType is null
                ? "The request has no Content-Type; send 'Content-Type: application/json'."
                : $"The Content-Type '{Shorten(contentType)}' is not accepted; send 'Content-Type: application/json' (UTF-8).");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
