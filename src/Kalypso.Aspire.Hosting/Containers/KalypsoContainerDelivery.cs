using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Puts a container's Kalypso files in with Aspire's <c>WithContainerFiles</c>, rather than
/// Aspire's own HTTPS certificate copy, because the copy leaves the key readable by every user
/// in the container. Here the key belongs to the user the profile names, mode 0600 unless the
/// profile says otherwise; the chain and root are readable by all. The file callbacks read the
/// current certificate each time the container is created, so a renewed certificate reaches it
/// when the renewal restarts the container.
/// </summary>
internal static class KalypsoContainerDelivery
{
    private const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Serves TLS from the container with its Kalypso certificate: adds the https endpoint the
    /// profile wants (when the container has none), delivers chain, key and root, the profile's
    /// configuration files, arguments and environment.
    /// </summary>
    public static KalypsoContainerDeliveryAnnotation ServeTls(IDistributedApplicationBuilder app, ContainerResource container, KalypsoCertificateAnnotation certificate)
    {
        var builder = app.CreateResourceBuilder(container);
        var delivery = Start(builder, certificate.Kalypso, addHttpsEndpoint: true);
        if (delivery.ServesTls) return delivery;
        delivery.ServesTls = true;

        var profile = delivery.Profile;
        var context = profile.ContextFor(container.Name, delivery.Port);
        builder.WithContainerFiles(profile.Directory, (_, _) => Task.FromResult(TlsFiles(certificate, profile)),
            defaultOwner: profile.FileOwner, defaultGroup: profile.FileGroup);

        var files = profile.Files?.Invoke(context) ?? [];
        foreach (var folder in files.GroupBy(f => f.Directory, StringComparer.Ordinal))
        {
            var items = folder.Select(f => (ContainerFileSystemItem)new ContainerFile { Name = f.Name, Contents = f.Contents, Mode = f.Mode }).ToList();
            builder.WithContainerFiles(folder.Key, items, defaultOwner: 0, defaultGroup: 0);
        }

        builder.WithEnvironment(env =>
        {
            foreach (var (name, value) in profile.EnvironmentFor(context)) env.EnvironmentVariables[name] = value;
        });
        if (profile.Arguments is { } arguments)
        {
            builder.WithArgs(args =>
            {
                foreach (var argument in arguments(context)) args.Args.Add(argument);
            });
        }
        app.Eventing.Subscribe<BeforeResourceStartedEvent>(container, (e, _) =>
        {
            e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(container).LogInformation(
                "Kalypso delivers this container's certificate with the '{Profile}' profile: {Certificate}, {Key} (owner {Owner}:{Group}, mode {Mode}), {Ca}; TLS on port {Port}.",
                profile.Name, context.CertificatePath, context.KeyPath, profile.FileOwner, profile.FileGroup, Octal(profile.KeyMode), context.CaPath, context.Port);
            return Task.CompletedTask;
        });
        return delivery;
    }

    /// <summary>Puts the Kalypso root into the container and names it in <c>KALYPSO_CA_FILE</c>.</summary>
    public static KalypsoContainerDeliveryAnnotation Trust(IDistributedApplicationBuilder app, ContainerResource container, KalypsoResource kalypso) =>
        Start(app.CreateResourceBuilder(container), kalypso, addHttpsEndpoint: false);

    private static KalypsoContainerDeliveryAnnotation? Delivery(ContainerResource container) =>
        container.Annotations.OfType<KalypsoContainerDeliveryAnnotation>().LastOrDefault();

    private static KalypsoContainerDeliveryAnnotation Start(IResourceBuilder<ContainerResource> builder, KalypsoResource kalypso, bool addHttpsEndpoint)
    {
        var container = builder.Resource;
        var profile = KalypsoContainerProfiles.For(container);
        if (addHttpsEndpoint && profile.HttpsPort is { } httpsPort && !container.Annotations.OfType<EndpointAnnotation>().Any(e => e.UriScheme == "https"))
        {
            builder.WithHttpsEndpoint(targetPort: httpsPort, name: "https");
        }
        if (Delivery(container) is { } existing) return existing;

        var delivery = new KalypsoContainerDeliveryAnnotation(profile, TlsPort(container, profile));
        builder.WithAnnotation(delivery);
        var caPath = profile.ContextFor(container.Name, delivery.Port).CaPath;
        builder.WithContainerFiles(profile.Directory, (_, _) => Task.FromResult(RootFile(kalypso)),
            defaultOwner: profile.FileOwner, defaultGroup: profile.FileGroup);
        builder.WithEnvironment(KalypsoEnvironmentVariables.CaFile, caPath);
        return delivery;
    }

    /// <summary>The port the profile's configuration serves TLS on: the https endpoint's, else the server's own.</summary>
    private static int TlsPort(ContainerResource container, KalypsoContainerProfile profile)
    {
        var endpoints = container.Annotations.OfType<EndpointAnnotation>().ToList();
        if (endpoints.FirstOrDefault(e => e.UriScheme == "https") is { TargetPort: { } https }) return https;
        if (profile.ServicePort is { } service) return service;
        if (endpoints.FirstOrDefault(e => e.TargetPort is not null) is { TargetPort: { } first }) return first;
        return profile.HttpsPort ?? 8443;
    }

    private static IEnumerable<ContainerFileSystemItem> RootFile(KalypsoResource kalypso)
    {
        var root = kalypso.CertificateAuthority.RootOrNull;
        if (root is null) return [];
        return [new ContainerFile { Name = KalypsoContainerProfile.CaFileName, Contents = root.ExportCertificatePem() + "\n", Mode = Public }];
    }

    private static IEnumerable<ContainerFileSystemItem> TlsFiles(KalypsoCertificateAnnotation certificate, KalypsoContainerProfile profile)
    {
        if (certificate.Current is not { } issued) return [];
        var files = new List<ContainerFileSystemItem>
        {
            new ContainerFile { Name = KalypsoContainerProfile.CertificateFileName, Contents = issued.FullChainPem, Mode = Public },
            new ContainerFile { Name = KalypsoContainerProfile.KeyFileName, Contents = issued.PrivateKeyPem, Mode = profile.KeyMode },
        };
        if (profile.NeedsCertificateWithKey)
        {
            files.Add(new ContainerFile { Name = KalypsoContainerProfile.CertificateWithKeyFileName, Contents = issued.FullChainPem + issued.PrivateKeyPem, Mode = profile.KeyMode });
        }
        return files;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
