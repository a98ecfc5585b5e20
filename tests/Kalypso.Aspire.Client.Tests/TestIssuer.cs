using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// <c>POST /certificates</c> with the issuing service's wire format (domains, hours or
/// lifetime_minutes in; certificate, private_key, not_after, fingerprint out), issuing with Core,
/// on 127.0.0.1 at a free port. It records every request body it was sent.
/// </summary>
internal sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestIssuer(WebApplication app, Uri url, List<JsonObject> requests)
    {
        _app = app;
        Url = url;
        Requests = requests;
    }

    public Uri Url { get; }

    public List<JsonObject> Requests { get; }

    public static async Task<TestIssuer> StartAsync(CertificateAuthority ca)
    {
        var requests = new List<JsonObject>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/certificates", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            lock (requests) requests.Add(body);
            var names = NameParser.Parse(body["domains"]!.AsArray().Select(n => n!.GetValue<string>()));
            TimeSpan? lifetime = body["lifetime_minutes"] is { } minutes ? TimeSpan.FromMinutes(minutes.GetValue<int>())
                : body["hours"] is { } hours ? TimeSpan.FromHours(hours.GetValue<int>()) : null;
            using var issued = ca.Issue(new LeafRequest(names) { Lifetime = lifetime, Requester = "client-test" });
            return Results.Json(new JsonObject
            {
                ["certificate"] = issued.CertificatePem,
                ["private_key"] = issued.PrivateKeyPem,
                ["not_after"] = issued.NotAfter.ToString("O"),
                ["ca_certificate"] = issued.CaCertificatePem,
                ["fingerprint"] = issued.Fingerprint,
                ["serial"] = issued.SerialNumber,
            }, JsonSerializerOptions.Default, statusCode: 201);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TestIssuer(app, new Uri(address), requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
