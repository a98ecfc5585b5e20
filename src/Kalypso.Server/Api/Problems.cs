using Kalypso.Server.Diagnostics;

namespace Kalypso.Server.Api;

/// <summary>Writes RFC 7807 problem-details answers and counts each refusal by its reason.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext context, RequestProblem problem)
    {
        context.RequestServices.GetService<ServerMetrics>()?.Refused(problem.Kind);
        var response = context.Response;
        response.StatusCode = problem.Status;
        var body = new ProblemResponse(
            "urn:kalypso:problem:" + problem.Kind,
            problem.Title,
            problem.Status,
            problem.Message,
            context.Request.Path.HasValue ? Shorten(context.Request.Path.Value!) : "/",
            problem.Field,
            problem.Rule);
        return response.WriteAsJsonAsync(body, WireJsonContext.Wire.ProblemResponse, ContentType);
    }

    public static RequestProblem NotFound(HttpContext context) =>
        new(StatusCodes.Status404NotFound, "not-found", "No such endpoint", "route",
            "There is nothing at this path. The endpoints are GET /health, GET /ca.pem, GET /ca.json, POST /certificates and GET /openapi/v1.json.");

    public static RequestProblem MethodNotAllowed(HttpContext context) =>
        new(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method not allowed", "method",
            $"{Shorten(context.Request.Method)} is not allowed here; allowed: {context.Response.Headers.Allow}.");

    public static RequestProblem HostNotAllowed(string host) =>
        new(StatusCodes.Status400BadRequest, "host-not-allowed", "Host not allowed", "host-allow-list",
            host.Length == 0
                ? "The request has no Host header."
                : $"The Host '{Shorten(host)}' is not one this service answers to. Add it with --allow-host if a client really reaches the service by that name.",
            "Host");

    public static RequestProblem BadRequest(string detail) =>
        new(StatusCodes.Status400BadRequest, "bad-request", "Bad request", "http", detail);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";
}
