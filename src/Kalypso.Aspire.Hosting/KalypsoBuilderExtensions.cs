using System.Net.Security;
using Aspire.Hosting.ApplicationModel;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Adds the Kalypso development CA and its issuing service to an Aspire app.</summary>
public static class KalypsoBuilderExtensions
{
    /// <summary>
    /// Adds the Kalypso issuing service as a resource and makes its CA (loaded from the store, or
    /// created there on first use) available to <see cref="KalypsoHttpsExtensions.WithKalypsoHttps{T}"/>
    /// and <see cref="KalypsoHttpsExtensions.WithKalypsoTrust{T}"/>. The AppHost's own HTTP clients
    /// (health checks, <c>CreateHttpClient</c> in tests) trust the Kalypso root. In publish mode the
    /// resource is left out of the manifest and nothing is loaded.
    /// </summary>
    /// <param name="builder">The app builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port the service listens on, or <see langword="null"/> for a random one.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<KalypsoResource> AddKalypso(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = new KalypsoResource(name, FindTimeProvider(builder.Services)) { Port = port };
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddResource(resource).ExcludeFromManifest();
        }

        AddServices(builder);
        var kalypso = builder.AddResource(resource)
            .WithHttpEndpoint(port: port, name: KalypsoResource.HttpEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add(KalypsoServerLocation.AssemblyPath);
                context.Args.Add("--port");
                context.Args.Add(resource.HttpEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--data-dir");
                context.Args.Add(resource.StoreDirectory);
                foreach (var name in AllowedHosts(resource))
                {
                    context.Args.Add("--allow-host");
                    context.Args.Add(name);
                }
            })
            .WithEnvironment(KalypsoEnvironmentVariables.CaFile, () => resource.CertificateAuthority.Store.CertificatePath)
            .WithHttpHealthCheck("/health", endpointName: KalypsoResource.HttpEndpointName)
            .WithUrls(context =>
            {
                var endpoint = resource.HttpEndpoint;
                if (!endpoint.IsAllocated) return;
                context.Urls.Add(new ResourceUrlAnnotation { Url = $"{endpoint.Url}/scalar/v1", DisplayText = "API reference" });
                context.Urls.Add(new ResourceUrlAnnotation { Url = $"{endpoint.Url}/ca.pem", DisplayText = "CA certificate" });
            })
            .ExcludeFromManifest();
        KalypsoCommands.AddTrustHelp(kalypso);

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) => ReportCaAsync(resource, e.Services));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (_, _) =>
        {
            if (resource.CertificateAuthority.Error is { } error)
            {
                throw new DistributedApplicationException($"Kalypso cannot start: {error.Message}");
            }
            if (!File.Exists(KalypsoServerLocation.AssemblyPath))
            {
                throw new DistributedApplicationException(
                    $"The Kalypso issuing service {KalypsoServerLocation.AssemblyPath} is missing. It ships with the Kalypso.Aspire.Hosting package: rebuild the AppHost.");
            }
            return Task.CompletedTask;
        });
        return kalypso;
    }

    /// <summary>Uses the CA store in <paramref name="path"/> instead of <c>KALYPSO_DATA_DIR</c> or <c>~/.kalypso</c>.</summary>
    /// <param name="builder">The Kalypso resource.</param>
    /// <param name="path">The store folder; created with mode 0700 when a new CA is made there.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<KalypsoResource> WithDataDirectory(this IResourceBuilder<KalypsoResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        builder.Resource.DataDirectory = Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
        return builder;
    }

    /// <summary>Sets how long each resource's certificate lives (5 minutes to 7 days; 24 hours unless set).</summary>
    /// <param name="builder">The Kalypso resource.</param>
    /// <param name="lifetime">The lifetime.</param>
    /// <returns>The resource builder.</returns>
    /// <exception cref="KalypsoValidationException">The lifetime is out of bounds.</exception>
    public static IResourceBuilder<KalypsoResource> WithLifetime(this IResourceBuilder<KalypsoResource> builder, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.LeafLifetime = LeafLifetime.Validate(lifetime);
        return builder;
    }

    /// <summary>Sets the organization a newly created CA carries; an existing CA keeps its own.</summary>
    /// <param name="builder">The Kalypso resource.</param>
    /// <param name="organization">The organization name.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<KalypsoResource> WithOrganization(this IResourceBuilder<KalypsoResource> builder, string organization)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        builder.Resource.Organization = organization.Trim();
        return builder;
    }

    /// <summary>
    /// Sets when certificates are renewed: once <paramref name="renewAt"/> of the lifetime has
    /// passed (two thirds unless set), checked every <paramref name="checkInterval"/> (30 seconds unless set).
    /// </summary>
    /// <param name="builder">The Kalypso resource.</param>
    /// <param name="renewAt">A share of the lifetime, above 0 and below 1.</param>
    /// <param name="checkInterval">How often to check, from 100 ms to 10 minutes.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<KalypsoResource> WithRenewal(this IResourceBuilder<KalypsoResource> builder, double renewAt, TimeSpan? checkInterval = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!(renewAt > 0 && renewAt < 1)) throw new ArgumentOutOfRangeException(nameof(renewAt), renewAt, "Renew after a share of the lifetime above 0 and below 1, such as 0.67.");
        var interval = checkInterval ?? KalypsoResource.DefaultCheckInterval;
        if (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromMinutes(10)) throw new ArgumentOutOfRangeException(nameof(checkInterval), interval, "Check between every 100 ms and every 10 minutes.");
        builder.Resource.RenewAt = renewAt;
        builder.Resource.CheckInterval = interval;
        return builder;
    }

    // The names other resources may use to reach the service: the Host header they send must be
    // on its allow-list (it refuses unknown names to keep DNS-rebinding pages out).
    private static IEnumerable<string> AllowedHosts(KalypsoResource kalypso)
    {
        var name = kalypso.Name.ToLowerInvariant();
        return [name, $"{name}.dev.internal", "aspire.dev.internal", "host.docker.internal", "host.containers.internal"];
    }

    private static async Task ReportCaAsync(KalypsoResource kalypso, IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Kalypso");
        var resourceLog = services.GetRequiredService<ResourceLoggerService>().GetLogger(kalypso);
        var ca = kalypso.CertificateAuthority;
        if (ca.Error is { } error)
        {
            logger.LogError("Kalypso cannot use its CA: {Message}", error.Message);
            resourceLog.LogError("Kalypso cannot use its CA: {Message}", error.Message);
        }
        else
        {
            foreach (var notice in ca.Notices)
            {
                logger.LogWarning("{Notice}", notice);
                resourceLog.LogWarning("{Notice}", notice);
            }
            logger.LogInformation("Kalypso CA {Subject} (SHA-256 {Fingerprint}) from {Store}.", ca.Authority.Certificate.Subject, ca.Authority.Fingerprint, kalypso.StoreDirectory);
        }
        await services.GetRequiredService<ResourceNotificationService>()
            .PublishUpdateAsync(kalypso, s => s with { Properties = KalypsoDashboard.Merge(s.Properties, KalypsoDashboard.ForKalypso(kalypso)) })
            .ConfigureAwait(false);
    }

    private static void AddServices(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(KalypsoCertificateService))) return;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KalypsoCertificateService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KalypsoCertificateService>());
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(services =>
        {
            var model = services.GetRequiredService<DistributedApplicationModel>();
            return new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                        KalypsoServerCertificateValidation.Validate(
                            model.Resources.OfType<KalypsoResource>().Select(k => k.CertificateAuthority.RootOrNull).OfType<System.Security.Cryptography.X509Certificates.X509Certificate2>(),
                            certificate, chain, errors),
                },
            };
        }));
    }

    private static TimeProvider FindTimeProvider(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService)?.ImplementationInstance as TimeProvider ?? TimeProvider.System;
}
