using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kalypso.Playground.AppHost;

/// <summary>An nginx container serving HTTPS with its Kalypso certificate, where a container runtime runs.</summary>
internal static class NginxContainer
{
    // The official image renders /etc/nginx/templates/*.template with envsubst at start-up, so the
    // certificate paths Aspire gives the container (KALYPSO_CERT_FILE, KALYPSO_KEY_FILE) land in the config.
    private const string SiteTemplate = """
        server {
            listen 8443 ssl;
            ssl_certificate     ${KALYPSO_CERT_FILE};
            ssl_certificate_key ${KALYPSO_KEY_FILE};
            location = /health { return 200 "Healthy\n"; }
            location / { default_type text/plain; return 200 "nginx, serving a Kalypso certificate\n"; }
        }
        """;

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

        builder.AddContainer("nginx", Image, Tag)
            .WithContainerFiles("/etc/nginx/templates", [new ContainerFile { Name = "default.conf.template", Contents = SiteTemplate }])
            .WithKalypsoHttps(kalypso)
            .WithHttpHealthCheck("/health", endpointName: "https");
    }
}
