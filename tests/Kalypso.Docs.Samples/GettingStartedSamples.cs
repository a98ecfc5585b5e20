using Aspire.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kalypso.Docs.Samples;

public static class GettingStartedSamples
{
    public static void AppHost(string[] args)
    {
        #region getting-started-apphost
        var builder = DistributedApplication.CreateBuilder(args);

        var kalypso = builder.AddKalypso("kalypso");

        var api = builder.AddProject<Projects.Api>("api")
            .WithKalypsoHttps(kalypso)
            .WithHttpHealthCheck("/health", endpointName: "https");

        builder.AddProject<Projects.Web>("web")
            .WithKalypsoHttps(kalypso)
            .WithReference(api)
            .WaitFor(api);

        builder.Build().Run();
        #endregion
    }

    public static void Service(string[] args)
    {
        #region getting-started-service
        var builder = WebApplication.CreateBuilder(args);
        builder.AddKalypsoClient();
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapGet("/", () => "hello over HTTPS");
        app.Run();
        #endregion
    }
}
