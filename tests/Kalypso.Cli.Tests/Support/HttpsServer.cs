using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kalypso.Cli.Tests.Support;

/// <summary>A real Kestrel HTTPS server on a free loopback port, serving one page with a Kalypso leaf.</summary>
public sealed class HttpsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpsServer(WebApplication app, int port, string marker)
    {
        _app = app;
        Port = port;
        Marker = marker;
    }

    public int Port { get; }

    /// <summary>Text the page contains, unique to this server.</summary>
    public string Marker { get; }

    public string Url => $"https://localhost:{Port}/";

    /// <summary>
    /// Starts on the same free port on 127.0.0.1 and ::1, so "localhost" reaches this server
    /// whichever address a client tries first (a port taken meanwhile is retried).
    /// </summary>
    public static async Task<HttpsServer> StartAsync(X509Certificate2 certificate)
    {
        var marker = "kalypso-page-" + Guid.NewGuid().ToString("N");
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate));
                kestrel.Listen(IPAddress.IPv6Loopback, port, listen => listen.UseHttps(certificate));
            });
            var app = builder.Build();
            app.MapGet("/", () => Results.Content($"<html><body><p id=\"marker\">{marker}</p></body></html>", "text/html"));
            try
            {
                await app.StartAsync();
                return new HttpsServer(app, port, marker);
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Loads the cert.pfx that <c>kalypso issue --pfx</c> wrote.</summary>
    public static X509Certificate2 LoadIssued(string folder) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, "cert.pfx"), password: null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
