using Aspire.Hosting.ApplicationModel;
using Kalypso.Core;
using Kalypso.Core.Names;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Gives resources Kalypso certificates and makes them trust the Kalypso root.</summary>
public static class KalypsoHttpsExtensions
{
    /// <summary>The endpoint name used when an https endpoint has to be added.</summary>
    public const string HttpsEndpointName = "https";

    /// <summary>
    /// Issues the resource its own short-lived certificate for the names it is reached by (its
    /// name, <c>{name}.dev.internal</c>, <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c> and
    /// <paramref name="extraNames"/>), hands it to Aspire's HTTPS certificate support, adds an
    /// https endpoint when the resource has none, makes the resource trust the Kalypso root, sets
    /// <c>KALYPSO_CERT_FILE</c>, <c>KALYPSO_KEY_FILE</c> and <c>KALYPSO_CA_FILE</c>, and adds a
    /// "Re-issue certificate" command. In publish mode it adds nothing.
    /// </summary>
    /// <typeparam name="T">A project, executable or container.</typeparam>
    /// <param name="builder">The resource.</param>
    /// <param name="kalypso">The Kalypso resource whose CA issues the certificate.</param>
    /// <param name="extraNames">More DNS names or IP addresses the resource is reached by.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<T> WithKalypsoHttps<T>(this IResourceBuilder<T> builder, IResourceBuilder<KalypsoResource> kalypso, params string[] extraNames)
        where T : IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(kalypso);
        ArgumentNullException.ThrowIfNull(extraNames);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            WarnOnceInPublishMode(builder.ApplicationBuilder, kalypso.Resource);
            return builder;
        }
        if (builder.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Any())
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' already has a Kalypso certificate; call WithKalypsoHttps once per resource.");
        }

        var certificate = new KalypsoCertificateAnnotation(kalypso.Resource, NamesFor(builder.Resource, extraNames));
        builder.WithAnnotation(certificate);
        try
        {
            certificate.Names = Parse(certificate.RequestedNames);
            var issued = certificate.Renew(builder.Resource.Name);
            if (builder.Resource is not ContainerResource)
            {
                builder.WithAnnotation(KalypsoHttpsCertificate.Create(issued), ResourceAnnotationMutationBehavior.Replace);
            }
        }
        catch (KalypsoException e)
        {
            certificate.Error = e is KalypsoValidationException
                ? $"Kalypso cannot certify '{builder.Resource.Name}': {e.Message}"
                : $"Kalypso cannot issue a certificate for '{builder.Resource.Name}': {e.Message}";
        }

        if (builder.Resource is ContainerResource container)
        {
            // Containers get their files, endpoint, arguments and configuration from their image's profile.
            KalypsoContainerDelivery.ServeTls(builder.ApplicationBuilder, container, certificate);
        }
        else
        {
            EnsureHttpsEndpoint(builder);
            builder.WithHttpsCertificateConfiguration(context =>
            {
                // A resource that renews in place reads Kalypso's stable files; any other, the files Aspire wrote for this start.
                if (certificate.InPlaceFiles is { } files)
                {
                    context.EnvironmentVariables[KalypsoEnvironmentVariables.CertificateFile] = files.CertificatePath;
                    context.EnvironmentVariables[KalypsoEnvironmentVariables.KeyFile] = files.KeyPath;
                }
                else
                {
                    context.EnvironmentVariables[KalypsoEnvironmentVariables.CertificateFile] = context.CertificatePath;
                    context.EnvironmentVariables[KalypsoEnvironmentVariables.KeyFile] = context.KeyPath;
                }
                return Task.CompletedTask;
            });
        }
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(builder.Resource, (e, _) =>
        {
            if (certificate.Error is null) return Task.CompletedTask;
            e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource).LogError("{Message}", certificate.Error);
            throw new DistributedApplicationException(certificate.Error);
        });
        KalypsoCommands.AddReissue(builder, certificate);
        return builder.WithKalypsoTrust(kalypso);
    }

    /// <summary>
    /// Makes the resource trust the Kalypso root through Aspire's certificate-authority collection
    /// (SSL_CERT_DIR and friends for processes, the bundle paths for containers; the OS store is
    /// not touched) and sets <c>KALYPSO_CA_FILE</c> to the root certificate. In publish mode it adds nothing.
    /// </summary>
    /// <typeparam name="T">Any resource with environment and arguments.</typeparam>
    /// <param name="builder">The resource.</param>
    /// <param name="kalypso">The Kalypso resource whose root to trust.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<T> WithKalypsoTrust<T>(this IResourceBuilder<T> builder, IResourceBuilder<KalypsoResource> kalypso)
        where T : IResourceWithEnvironment, IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(kalypso);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            WarnOnceInPublishMode(builder.ApplicationBuilder, kalypso.Resource);
            return builder;
        }
        if (builder.Resource.Annotations.OfType<KalypsoTrustAnnotation>().Any(a => a.Kalypso == kalypso.Resource)) return builder;
        builder.WithAnnotation(new KalypsoTrustAnnotation(kalypso.Resource));

        var collection = RootCollection(kalypso);
        if (collection is not null) builder.WithCertificateAuthorityCollection(collection);
        if (builder.Resource is ContainerResource container)
        {
            // A host path means nothing inside a container: the root goes in as a file.
            KalypsoContainerDelivery.Trust(builder.ApplicationBuilder, container, kalypso.Resource);
            return builder;
        }
        var resource = builder.Resource;
        return builder.WithEnvironment(KalypsoEnvironmentVariables.CaFile, () =>
            resource.Annotations.OfType<KalypsoCertificateAnnotation>().LastOrDefault()?.InPlaceFiles?.CaPath
                ?? kalypso.Resource.CertificateAuthority.Store.CertificatePath);
    }

    /// <summary>
    /// Renews the resource's Kalypso certificate without restarting it. Its certificate, key
    /// (mode 0600) and the Kalypso root are written as PEM to a folder private to this run of the
    /// AppHost (a new temp folder only its owner can enter, deleted when the app stops), and
    /// <c>KALYPSO_CERT_FILE</c>, <c>KALYPSO_KEY_FILE</c> and <c>KALYPSO_CA_FILE</c> point there. On
    /// renewal, and on the "Re-issue certificate" command, those files are replaced atomically
    /// (written under a temporary name, then renamed) and the dashboard updated; the resource keeps
    /// running. Use it for services that reload their certificate files themselves, such as any
    /// service that calls <c>AddKalypsoClient()</c> from Kalypso.Aspire.Client; a service that
    /// loads its certificate once would keep serving the old one until it expires. Resources
    /// without it are restarted on renewal. Containers are not supported (Aspire copies their
    /// files in when they start). In publish mode it adds nothing.
    /// </summary>
    /// <typeparam name="T">A project or an executable.</typeparam>
    /// <param name="builder">A resource already given <see cref="WithKalypsoHttps{T}"/>.</param>
    /// <returns>The resource builder.</returns>
    /// <exception cref="InvalidOperationException">The resource has no Kalypso certificate, or is a container.</exception>
    public static IResourceBuilder<T> WithKalypsoInPlaceRenewal<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode) return builder;
        var resource = builder.Resource;
        if (resource is ContainerResource)
        {
            throw new InvalidOperationException(
                $"'{resource.Name}' is a container: Aspire copies its certificate files in when it starts, so it cannot renew in place and is restarted on renewal instead. Remove WithKalypsoInPlaceRenewal().");
        }
        var certificate = resource.Annotations.OfType<KalypsoCertificateAnnotation>().LastOrDefault()
            ?? throw new InvalidOperationException($"'{resource.Name}' has no Kalypso certificate: call WithKalypsoHttps(kalypso) before WithKalypsoInPlaceRenewal().");
        if (certificate.InPlaceFiles is not null) return builder;
        certificate.InPlaceFiles = new KalypsoCertificateFiles(certificate.Kalypso.RunFolder, resource.Name);

        // Written before every start (the first, and any restart by hand), so the files always hold the current certificate.
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (e, _) =>
        {
            if (certificate.Current is not { } current) return Task.CompletedTask;
            try
            {
                certificate.InPlaceFiles.Write(current);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                var message = $"Kalypso cannot write the certificate files of '{resource.Name}' in {Path.GetDirectoryName(certificate.InPlaceFiles.CertificatePath)}: {error.Message}";
                e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource).LogError("{Message}", message);
                throw new DistributedApplicationException(message, error);
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    private static IResourceBuilder<CertificateAuthorityCollection>? RootCollection(IResourceBuilder<KalypsoResource> kalypso)
    {
        var app = kalypso.ApplicationBuilder;
        var name = $"{kalypso.Resource.Name}-root";
        var existing = app.Resources.OfType<CertificateAuthorityCollection>().FirstOrDefault(c => c.Name == name);
        if (existing is not null) return app.CreateResourceBuilder(existing);
        var root = kalypso.Resource.CertificateAuthority.RootOrNull;
        return root is null ? null : app.AddCertificateAuthorityCollection(name).WithCertificate(root);
    }

    private static List<string> NamesFor(IResource resource, IEnumerable<string> extraNames)
    {
        var name = resource.Name.ToLowerInvariant();
        var names = new List<string> { name, $"{name}.dev.internal" };
        if (resource is ContainerResource)
        {
            names.AddRange(resource.Annotations.OfType<ContainerNetworkAliasAnnotation>().Select(a => a.Alias));
        }
        names.AddRange(["localhost", "127.0.0.1", "::1"]);
        names.AddRange(extraNames);
        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static CertificateNames Parse(IEnumerable<string> names)
    {
        var dns = new List<string>();
        var ips = new List<string>();
        foreach (var name in names)
        {
            (NameParser.TryParseIpLiteral(name, out _) ? ips : dns).Add(name);
        }
        return NameParser.Parse(dns, ips);
    }

    private static void EnsureHttpsEndpoint<T>(IResourceBuilder<T> builder) where T : IResourceWithEndpoints
    {
        var endpoints = builder.Resource.Annotations.OfType<EndpointAnnotation>().ToList();
        if (endpoints.Any(e => e.UriScheme == "https")) return;
        if (builder.Resource is ProjectResource)
        {
            builder.WithHttpsEndpoint(name: HttpsEndpointName);
        }
        else if (builder.Resource is ContainerResource)
        {
            builder.WithHttpsEndpoint(targetPort: 8443, name: HttpsEndpointName, env: "KALYPSO_HTTPS_PORT");
        }
        else
        {
            builder.WithHttpsEndpoint(name: HttpsEndpointName, env: "KALYPSO_HTTPS_PORT");
        }
    }

    private static void WarnOnceInPublishMode(IDistributedApplicationBuilder app, KalypsoResource kalypso)
    {
        if (kalypso.Annotations.OfType<KalypsoPublishWarningAnnotation>().Any()) return;
        kalypso.Annotations.Add(new KalypsoPublishWarningAnnotation());
        app.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kalypso").LogWarning(
                "Kalypso is for local development only: in publish mode WithKalypsoHttps and WithKalypsoTrust add nothing and the '{Name}' resource is left out. Give published resources certificates from your platform.",
                kalypso.Name);
            return Task.CompletedTask;
        });
    }
}
