using System.Net;
using Kalypso.Aspire.Client.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// A real ASP.NET Core service that calls <c>AddKalypsoClient()</c> and serves HTTPS on
/// 127.0.0.1 at a free port through Kestrel's HTTPS defaults (so through Kalypso's selector).
/// </summary>
internal sealed class KalypsoService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KalypsoService(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public IServiceProvider Services => _app.Services;

    public KalypsoServedCertificate Served => _app.Services.GetRequiredService<KalypsoServedCertificate>();

    public static async Task<KalypsoService> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null, Action<KalypsoClientOptions>? configure = null, bool listenThroughUrls = false)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.AddKalypsoClient(configure);
        // Either an explicit listener with HTTPS defaults, or ASPNETCORE_URLS-style addresses as Aspire gives them.
        // The slim builder leaves out what WebApplication.CreateBuilder has: HTTPS for URL addresses and the Kestrel config section.
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (listenThroughUrls) builder.WebHost.UseUrls("https://127.0.0.1:0");
        else builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps()));
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new KalypsoService(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
