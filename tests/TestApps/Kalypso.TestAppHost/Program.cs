using Microsoft.Extensions.Configuration;

// The AppHost the integration tests and the benchmark run. Configuration (command-line
// arguments through Aspire.Hosting.Testing) chooses the store, the lifetime, the renewal
// schedule, how many api copies to run and whether they use Kalypso HTTPS or plain HTTP.
var builder = DistributedApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("TestApp");
var https = settings.GetValue("Https", true);
var apiCount = settings.GetValue("ApiCount", 1);
var withWeb = settings.GetValue("Web", true);

var kalypso = builder.AddKalypso("kalypso");
if (settings["DataDirectory"] is { } dataDirectory) kalypso.WithDataDirectory(dataDirectory);
if (settings.GetValue<int?>("LifetimeMinutes") is { } minutes) kalypso.WithLifetime(TimeSpan.FromMinutes(minutes));
if (settings.GetValue<double?>("RenewAt") is { } renewAt)
{
    kalypso.WithRenewal(renewAt, TimeSpan.FromMilliseconds(settings.GetValue("CheckIntervalMs", 1000)));
}

var endpoint = https ? "https" : "http";
IResourceBuilder<ProjectResource>? firstApi = null;
for (var i = 0; i < apiCount; i++)
{
    var api = builder.AddProject<Projects.Kalypso_TestApps_Api>(i == 0 ? "api" : $"api{i + 1}");
    if (https) api.WithKalypsoHttps(kalypso, "api.test.internal", settings["ExtraName"] ?? "api.test.internal");
    else api.WithHttpEndpoint(name: "http");
    api.WithHttpHealthCheck("/health", endpointName: endpoint);
    firstApi ??= api;
}

if (withWeb && firstApi is { } apiForWeb)
{
    var web = builder.AddProject<Projects.Kalypso_TestApps_Web>("web").WithReference(apiForWeb);
    if (https) web.WithKalypsoHttps(kalypso);
    else web.WithHttpEndpoint(name: "http");
    web.WithHttpHealthCheck("/health", endpointName: endpoint);
}

builder.Build().Run();
