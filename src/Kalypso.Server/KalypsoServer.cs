using Kalypso.Server.Api;
using Kalypso.Server.Diagnostics;
using Kalypso.Server.Hosting;
using Kalypso.Server.Issuance;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Scalar.AspNetCore;

namespace Kalypso.Server;

/// <summary>
/// The issuing service as a library: <see cref="Build"/> makes the web application (so the CLI's
/// <c>kalypso serve</c> and tests can host it), <see cref="RunAsync"/> runs it until cancelled.
/// </summary>
public static class KalypsoServer
{
    /// <summary>
    /// Builds the service: validates where it listens (loopback unless explicitly allowed), loads
    /// or creates the CA, starts the key pool, and maps the endpoints. Nothing listens until the
    /// application is started.
    /// </summary>
    /// <param name="options">How to run.</param>
    /// <param name="args">Extra host configuration arguments (ASP.NET Core's own), if any.</param>
    /// <returns>The application; start it with <c>StartAsync</c> or <c>RunAsync</c>, then read <see cref="ListeningUrls"/>.</returns>
    /// <exception cref="Kalypso.Core.KalypsoException">The bind address is not allowed or the CA cannot be loaded.</exception>
    public static WebApplication Build(KalypsoServerOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var listen = ListenAddress.Resolve(options);
        var hosts = new HostAllowList(options.AllowedHosts, listen.Address);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(KalypsoServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            if (listen.Address is null) kestrel.ListenLocalhost(listen.Port);
            else kestrel.Listen(listen.Address, listen.Port);
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        builder.Services.AddMetrics();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(hosts);
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<IssuanceService>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WireJsonContext.Default));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Kalypso issuing service";
            document.Info.Description = "Issues short-lived TLS certificates from the local Kalypso development CA. Compatible with the original Kalypso API.";
            return Task.CompletedTask;
        }));

        var app = builder.Build();

        // Load the CA now, so a broken store fails the start rather than the first request.
        app.Services.GetRequiredService<IssuanceService>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kalypso.Server");
        if (!listen.IsLoopback) ServerLog.NonLoopback(logger, listen.ToString());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in ListeningUrls(app)) ServerLog.Listening(logger, url, hosts.Describe());
        });

        app.UseMiddleware<GuardMiddleware>();
        CaEndpoints.Map(app);
        CertificateEndpoint.Map(app);
        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.WithTitle("Kalypso issuing service"));
        app.MapGet("/docs", () => TypedResults.Redirect("/scalar/v1")).ExcludeFromDescription();
        return app;
    }

    /// <summary>Builds the service and runs it until <paramref name="cancellationToken"/> is cancelled or the host is told to stop.</summary>
    /// <param name="options">How to run.</param>
    /// <param name="cancellationToken">Stops the service.</param>
    /// <returns>A task that completes when the service has stopped.</returns>
    public static async Task RunAsync(KalypsoServerOptions options, CancellationToken cancellationToken)
    {
        await using var app = Build(options);
        await app.StartAsync(cancellationToken);
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
        await app.StopAsync(CancellationToken.None);
    }

    /// <summary>The URLs the started service actually listens on (with the real port when port 0 was asked for).</summary>
    /// <param name="app">A started application from <see cref="Build"/>.</param>
    /// <returns>URLs such as <c>http://127.0.0.1:8200</c>.</returns>
    public static IReadOnlyList<string> ListeningUrls(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return addresses is null ? [] : [.. addresses.Addresses];
    }
}
