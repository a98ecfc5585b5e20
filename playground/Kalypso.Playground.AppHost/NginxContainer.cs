using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kalypso.Playground.AppHost;

/// <summary>An nginx container serving HTTPS with its Kalypso certificate, where a container runtime runs and has the image.</summary>
internal static class NginxContainer
{
    private const string Image = "nginx";
    private const string Tag = "1.27-alpine";

    public static void AddIfRuntimeIsHealthy(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        var whyNot = ContainerRuntimeProbe.WhyUnavailable($"{Image}:{Tag}");
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
        builder.AddContainer("nginx", Image, Tag)
            .WithKalypsoHttps(kalypso)
            .WithHttpHealthCheck("/", endpointName: "https");
    }
}
