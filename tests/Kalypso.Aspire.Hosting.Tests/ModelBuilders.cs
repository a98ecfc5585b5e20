using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>Builds apps for model tests: nothing is started, no orchestrator runs.</summary>
internal static class ModelBuilders
{
    public static IDistributedApplicationBuilder Run(TimeProvider? time = null)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        if (time is not null) builder.Services.AddSingleton(time);
        return builder;
    }

    public static IDistributedApplicationBuilder Publish(string outputPath) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            DisableDashboard = true,
            Args = ["--operation", "publish", "--publisher", "manifest", "--output-path", outputPath],
        });

    public static IResourceBuilder<ExecutableResource> Executable(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddExecutable(name, "sleep", ".", "3600").WithHttpEndpoint(name: "http", env: "PORT");

    public static void AllocateEndpoints(IResource resource)
    {
        var port = 40000;
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port++);
        }
    }
}
