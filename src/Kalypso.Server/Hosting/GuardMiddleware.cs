using Kalypso.Server.Api;
using Kalypso.Server.Diagnostics;

namespace Kalypso.Server.Hosting;

/// <summary>
/// The first thing every request meets: refuses Host names not on the allow-list, turns every
/// refusal into a problem-details body (including the framework's bare 404 and 405), and makes
/// sure no input can surface as an unhandled error.
/// </summary>
internal sealed class GuardMiddleware(RequestDelegate next, HostAllowList hosts, ILogger<GuardMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!hosts.Allows(context.Request.Host.Host))
        {
            await RefuseAsync(context, Problems.HostNotAllowed(context.Request.Host.Value ?? ""));
            return;
        }

        try
        {
            await next(context);
        }
        catch (RequestProblem problem) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, problem);
            return;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? RequestProblem.TooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
                : Problems.BadRequest(e.Message));
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            ServerLog.Unexpected(logger, e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await RefuseAsync(context, new RequestProblem(StatusCodes.Status500InternalServerError, "internal", "Internal error", "internal",
                "The service failed to handle this request; its log has the details."));
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.ContentType is null && response.ContentLength is null)
        {
            if (response.StatusCode == StatusCodes.Status404NotFound) await RefuseAsync(context, Problems.NotFound(context));
            else if (response.StatusCode == StatusCodes.Status405MethodNotAllowed) await RefuseAsync(context, Problems.MethodNotAllowed(context));
            else if (response.StatusCode == StatusCodes.Status415UnsupportedMediaType) await RefuseAsync(context, RequestProblem.UnsupportedMediaType(context.Request.ContentType));
        }
    }

    private Task RefuseAsync(HttpContext context, RequestProblem problem)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            ServerLog.Refused(logger, context.Request.Method, Shorten(context.Request.Path.Value ?? "/"),
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown", problem.Status, problem.Rule);
        }
        return Problems.WriteAsync(context, problem);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";
}
