using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kalypso.Core.Tests.Support;

/// <summary>A Kestrel HTTPS server on 127.0.0.1 and a free port, serving one freshly issued Kalypso leaf.</summary>
public sealed class TlsTestServer : IAsyncDisposable
{
    public const string Greeting = "hello from a kalypso leaf";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private TlsTestServer(WebApplication app, X509Certificate2 certificate, int port)
    {
        _app = app;
        _certificate = certificate;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TlsTestServer> StartAsync(IssuedCertificate leaf)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = leaf.WithPrivateKey();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/", () => Results.Text(Greeting));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TlsTestServer(app, certificate, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
