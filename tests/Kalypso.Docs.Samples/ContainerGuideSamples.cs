using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Kalypso.Docs.Samples;

/// <summary>The C# blocks of docs/containers.md.</summary>
public static class ContainerGuideSamples
{
    public static void Overview(IDistributedApplicationBuilder builder)
    {
        #region containers-overview
        var kalypso = builder.AddKalypso("kalypso");

        // nginx serves HTTPS on 443 inside the container with its Kalypso certificate: no config to write.
        var web = builder.AddContainer("web", "nginx", "1.27")
                         .WithKalypsoHttps(kalypso);

        // A client that only needs to trust Kalypso: curl, OpenSSL, Python, Node and Go in it trust the root.
        builder.AddContainer("client", "my-client")
               .WithKalypsoTrust(kalypso)
               .WithReference(web.GetEndpoint("https"));
        #endregion
    }

    public static void ChoosingAProfile(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        #region containers-choosing-a-profile
        // An image the name does not reveal: use the nginx profile.
        builder.AddContainer("edge", "my-team/edge-nginx")
               .WithKalypsoProfile(KalypsoContainerProfiles.Nginx)
               .WithKalypsoHttps(kalypso);

        // postgres:17-alpine runs as uid 70.
        builder.AddContainer("db", "postgres", "17-alpine")
               .WithEndpoint(targetPort: 5432, name: "tcp")
               .WithKalypsoProfile(KalypsoContainerProfiles.PostgreSql with { FileOwner = 70, FileGroup = 70 })
               .WithKalypsoHttps(kalypso);

        // An image that runs as uid 1000 and reads its files from /run/secrets/tls.
        builder.AddContainer("api", "my-team/api")
               .WithKalypsoProfile(KalypsoContainerProfiles.Generic with
               {
                   Name = "my-api", Directory = "/run/secrets/tls", FileOwner = 1000, FileGroup = 1000, HttpsPort = 9443,
               })
               .WithKalypsoHttps(kalypso);
        #endregion
    }

    public static void OwnProfile(IDistributedApplicationBuilder builder, IResourceBuilder<KalypsoResource> kalypso)
    {
        #region containers-own-profile
        var envoy = new KalypsoContainerProfile
        {
            Name = "envoy",
            Images = ["envoyproxy/envoy"],
            Directory = "/etc/envoy/kalypso",
            FileOwner = 101, FileGroup = 101,          // the image's envoy user
            HttpsPort = 10443,
            Arguments = c => ["envoy", "-c", "/etc/envoy/kalypso/envoy.yaml"],
            Files = c =>
            [
                new("/etc/envoy/kalypso/envoy.yaml", $"""
                    # listener on {c.Port} with tls_certificates: {c.CertificatePath} / {c.KeyPath}
                    """),
            ],
            Environment = c => new Dictionary<string, string> { ["ENVOY_UID"] = "101" },
        };

        builder.AddContainer("gateway", "envoyproxy/envoy", "v1.31")
               .WithKalypsoProfile(envoy)
               .WithKalypsoHttps(kalypso);
        #endregion
    }
}
