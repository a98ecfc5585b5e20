using System.Net.Http;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Kalypso.Aspire.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kalypso.Docs.Samples;

public static class AspireGuideSamples
{
    public static void AddKalypsoWithOptions(IDistributedApplicationBuilder builder)
    {
        #region aspire-add-kalypso
        var kalypso = builder.AddKalypso("kalypso", port: 7700)   // a fixed port for the issuing service
            .WithDataDirectory("../.kalypso-team")                 // a store next to the AppHost, not ~/.kalypso
            .WithLifetime(TimeSpan.FromHours(8))                   // 5 minutes to 7 days; 24 hours unless set
            .WithOrganization("Contoso Dev")                       // only for a CA created by this app
            .WithRenewal(renewAt: 0.5, checkInterval: TimeSpan.FromMinutes(1));
        #endregion
        _ = kalypso;
    }

    public static void Projects(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        #region aspire-projects
        var api = builder.AddProject<Projects.Api>("api")
            .WithKalypsoHttps(kalypso, "api.contoso.test")   // extra names besides api, api.dev.internal, localhost, 127.0.0.1, ::1
            .WithHttpHealthCheck("/health", endpointName: KalypsoHttpsExtensions.HttpsEndpointName);

        builder.AddProject<Projects.Worker>("worker")
            .WithReference(api)
            .WithKalypsoTrust(kalypso);                      // trusts the root, serves nothing itself
        #endregion
    }

    public static void Executables(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        #region aspire-executables
        // The server reads KALYPSO_CERT_FILE, KALYPSO_KEY_FILE and listens on KALYPSO_HTTPS_PORT.
        builder.AddExecutable("node", "node", "../node-server", "server.js")
            .WithKalypsoHttps(kalypso)
            .WithHttpHealthCheck("/health", endpointName: "https");
        #endregion
    }

    public static void Containers(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        #region aspire-containers
        // nginx: the profile writes the server block; HTTPS on 443 inside the container.
        builder.AddContainer("nginx", "nginx", "1.27-alpine")
            .WithKalypsoHttps(kalypso);

        // Any other image: read KALYPSO_CERT_FILE / KALYPSO_KEY_FILE, listen on 8443.
        builder.AddContainer("api", "my-team/api")
            .WithKalypsoHttps(kalypso);
        #endregion
    }

    public static void IssuingService(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        #region aspire-issuing-service
        // Anything that asks for a certificate at run time (a script, a container entrypoint)
        // finds the issuing service through an environment variable and waits until it is up.
        builder.AddExecutable("certificate-script", "bash", ".", "get-certificate.sh")
            .WithEnvironment("KALYPSO_URL", kalypso.Resource.HttpEndpoint)
            .WithKalypsoTrust(kalypso)
            .WaitFor(kalypso);
        #endregion
    }

    public static void Client(string[] args)
    {
        #region aspire-client
        var builder = WebApplication.CreateBuilder(args);
        builder.AddKalypsoClient(options =>
        {
            options.ExpiryWarning = TimeSpan.FromMinutes(30);   // health turns Degraded below this
            options.PollInterval = TimeSpan.FromSeconds(2);     // also re-check the files this often
        });
        builder.Services.AddHttpClient("api", client => client.BaseAddress = new Uri("https://api"));
        #endregion
    }

    public static KalypsoClientOptions ClientOptionsFromIssuer()
    {
        #region aspire-client-issuer
        // A service Aspire did not give files to can ask the issuing service for its certificate.
        var options = new KalypsoClientOptions
        {
            IssuerUrl = new Uri("http://localhost:7700"),
            CaFile = "/home/me/.kalypso/ca-cert.pem",
            IssuedLifetime = TimeSpan.FromHours(8),
        };
        options.IssuedNames.Add("localhost");
        #endregion
        return options;
    }

    public static async Task DashboardPropertiesInATest(CancellationToken cancellationToken)
    {
        #region aspire-dashboard-test
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);

        var api = await app.ResourceNotifications.WaitForResourceAsync("api",
            e => e.Snapshot.Properties.Any(p => p.Name == KalypsoPropertyNames.CertificateFingerprint),
            cancellationToken);
        var fingerprint = api.Snapshot.Properties.Single(p => p.Name == KalypsoPropertyNames.CertificateFingerprint).Value;

        // The AppHost's clients trust the Kalypso root, so this is a real, verified HTTPS call.
        using HttpClient client = app.CreateHttpClient("api", "https");
        var answer = await client.GetStringAsync("/health", cancellationToken);
        #endregion
        _ = (fingerprint, answer);
    }
}
