using Microsoft.Extensions.DependencyInjection;
using Kalypso.Playground.AppHost;

// The Kalypso playground: a CA and its issuing service, an HTTPS API, a web front end that calls
// the API by service discovery and shows the certificate it was served, a Node.js HTTPS server,
// and an nginx container where a container runtime is running. No developer certificate needed.
var builder = DistributedApplication.CreateBuilder(args);

// The CA lives in the user's store (~/.kalypso, or KALYPSO_DATA_DIR) like any real app's;
// `--Kalypso:DataDirectory=<folder>` (or Kalypso__DataDirectory) points it elsewhere.
var kalypso = builder.AddKalypso("kalypso");
if (builder.Configuration["Kalypso:DataDirectory"] is { Length: > 0 } dataDirectory)
{
    kalypso.WithDataDirectory(dataDirectory);
}

var api = builder.AddProject<Projects.Kalypso_Playground_Api>("api")
    .WithKalypsoHttps(kalypso)
    .WithHttpHealthCheck("/health", endpointName: "https");

builder.AddProject<Projects.Kalypso_Playground_Web>("web")
    .WithKalypsoHttps(kalypso)
    .WithReference(api)
    .WaitFor(api)
    .WithHttpHealthCheck("/health", endpointName: "https");

builder.AddExecutable("node", "node", Path.Combine(builder.AppHostDirectory, "..", "node-server"), "server.js")
    .WithKalypsoHttps(kalypso)
    .WithHttpHealthCheck("/health", endpointName: "https");

NginxContainer.AddIfRuntimeIsHealthy(builder, kalypso);

builder.Services.AddHostedService<ReadinessReport>();

builder.Build().Run();
