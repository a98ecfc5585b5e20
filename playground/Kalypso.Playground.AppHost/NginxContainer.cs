using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kalypso.Playground.AppHost;

/// <summary>An nginx container serving HTTPS with its Kalypso certificate, where a container runtime runs and has the image.</summary>
internal static class NginxContainer
{
    private const string DefaultImage = "nginx:1.27-alpine";

    /// <summary>
    /// Adds the container when the runtime answers and holds the image: <c>nginx:1.27-alpine</c>, or
    /// another nginx image named by <c>Playground:NginxImage</c> (the tests use one they build locally).
    /// </summary>
    public static void AddIfRuntimeIsHealthy(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        var reference = builder.Configuration["Playground:NginxImage"] is { Length: > 0 } configured ? configured : DefaultImage;
        var whyNot = ContainerRuntimeProbe.WhyUnavailable(reference);
        if (whyNot is not null)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
            {
                e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kalypso.Playground").LogInformation(
                    "The nginx container is left out ({Reason}). The other resources do not need a container runtime.", whyNot);
                return Task.CompletedTask;
            });
            return;
        }

        // Kalypso's nginx profile (picked by the image name) writes the TLS server block and adds
        // the https endpoint on 443; the server serves the image's welcome page.
        var tagAt = reference.LastIndexOf(':');
        var (image, tag) = tagAt > reference.LastIndexOf('/') ? (reference[..tagAt], reference[(tagAt + 1)..]) : (reference, "latest");
        builder.AddContainer("nginx", image, tag)
            .WithKalypsoHttps(kalypso)
            .WithHttpHealthCheck("/", endpointName: "https");
    }
}
