// The AppHost of the client package's end-to-end test: `api` serves HTTPS with a Kalypso
// certificate; `web` calls it by name (https+http://api) and trusts Kalypso only through
// Kalypso.Aspire.Client, never through SSL_CERT_DIR or the OS store; `web-without-kalypso` runs
// the same program with the package's call switched off.
var builder = DistributedApplication.CreateBuilder(args);

var kalypso = builder.AddKalypso("kalypso");
if (builder.Configuration["ClientTest:DataDirectory"] is { } dataDirectory) kalypso.WithDataDirectory(dataDirectory);

var api = builder.AddProject<Projects.Kalypso_ClientTestApi>("api")
    .WithKalypsoHttps(kalypso)
    .WithHttpHealthCheck("/health", endpointName: KalypsoHttpsExtensions.HttpsEndpointName);

// Only the root's path, not WithKalypsoTrust: that would also hand the root over through
// SSL_CERT_DIR, and then .NET on Linux would trust it without the package.
var caFile = Kalypso.Core.Store.CaStore.Open(kalypso.Resource.DataDirectory).CertificatePath;
foreach (var (name, useKalypso) in new[] { ("web", true), ("web-without-kalypso", false) })
{
    builder.AddProject<Projects.Kalypso_ClientTestWeb>(name)
        .WithHttpEndpoint(name: "http")
        .WithReference(api)
        .WithEnvironment("KALYPSO_CA_FILE", caFile)
        .WithEnvironment("ClientTestWeb__UseKalypso", useKalypso ? "true" : "false")
        .WithHttpHealthCheck("/health", endpointName: "http");
}

builder.Build().Run();
