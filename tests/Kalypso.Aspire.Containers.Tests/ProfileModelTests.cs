using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Kalypso.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kalypso.Aspire.Containers.Tests;

/// <summary>
/// What each image profile puts on a container, read from the app model without starting
/// anything: the profile picked, the endpoint, the arguments, the environment and the files
/// (with their owners and modes) exactly as Aspire would hand them to the runtime.
/// </summary>
public sealed class ProfileModelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kalypso-profile-model-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Theory]
    [InlineData("nginx", "nginx")]
    [InlineData("nginx:1.27", "nginx")]
    [InlineData("library/nginx:1.27-alpine", "nginx")]
    [InlineData("registry.example.test/library/nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "nginx")]
    [InlineData("localhost/nginx:kalypso-test", "nginx")]
    [InlineData("localhost:5000/redis:7", "redis")]
    [InlineData("Registry.Example.Test:443/Postgres:16", "postgres")]
    [InlineData("bitnami/nginx:latest", "bitnami/nginx")]
    [InlineData("registry.example.test/team/api@sha256:abc", "team/api")]
    public void The_repository_ignores_registry_tag_and_digest(string image, string repository) =>
        Assert.Equal(repository, ContainerImageName.Repository(image));

    [Theory]
    [InlineData("registry.example.test/library/nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "nginx")]
    [InlineData("httpd:2.4", "httpd")]
    [InlineData("haproxy:3.0", "haproxy")]
    [InlineData("caddy:2", "caddy")]
    [InlineData("traefik:v3.1", "traefik")]
    [InlineData("redis:7-alpine", "redis")]
    [InlineData("postgres:17", "postgres")]
    [InlineData("bitnami/nginx", "generic")]
    [InlineData("team/api:dev", "generic")]
    public void A_profile_is_chosen_by_image_name(string image, string profile) =>
        Assert.Equal(profile, KalypsoContainerProfiles.For(image).Name);

    [Fact]
    public async Task Nginx_gets_a_TLS_server_config_and_its_files_owned_by_root_with_the_key_0600()
    {
        var (app, web) = Build("registry.example.test/library/nginx:1.27", c => c);
        using var _ = app;

        var https = Assert.Single(web.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https");
        Assert.Equal(443, https.TargetPort);
        var env = await Environment(app, web);
        Assert.Equal("/etc/nginx/kalypso/tls.crt", env["KALYPSO_CERT_FILE"]);
        Assert.Equal("/etc/nginx/kalypso/tls.key", env["KALYPSO_KEY_FILE"]);
        Assert.Equal("/etc/nginx/kalypso/ca.crt", env["KALYPSO_CA_FILE"]);
        Assert.Empty(await Arguments(app, web));

        var files = await Files(app, web);
        var key = files["/etc/nginx/kalypso/tls.key"];
        Assert.Equal((0, 0, Mode("600")), (key.Owner, key.Group, key.Mode));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", key.Contents);
        var chain = files["/etc/nginx/kalypso/tls.crt"];
        Assert.Equal(2, CountCertificates(chain.Contents));
        Assert.Equal(Mode("644"), chain.Mode);
        Assert.Equal(File.ReadAllText(CaStore.Open(StoreDirectory).CertificatePath).Trim(), files["/etc/nginx/kalypso/ca.crt"].Contents.Trim());
        var conf = files["/etc/nginx/conf.d/kalypso-https.conf"].Contents;
        Assert.Contains("listen 443 ssl;", conf);
        Assert.Contains("ssl_certificate     /etc/nginx/kalypso/tls.crt;", conf);
        Assert.Contains("ssl_certificate_key /etc/nginx/kalypso/tls.key;", conf);
        Assert.Equal(["nginx", "-s", "reload"], KalypsoContainerProfiles.Nginx.ReloadCommand);
        Assert.DoesNotContain(web.Annotations, a => a is HttpsCertificateAnnotation);
    }

    [Fact]
    public async Task Httpd_includes_a_mod_ssl_virtual_host_on_the_endpoints_port()
    {
        var (app, web) = Build("httpd:2.4", c => c.WithHttpsEndpoint(targetPort: 8443, name: "https"));
        using var _ = app;

        Assert.Equal(["httpd-foreground", "-c", "Include conf/kalypso/httpd-kalypso.conf"], await Arguments(app, web));
        var files = await Files(app, web);
        var conf = files["/usr/local/apache2/conf/kalypso/httpd-kalypso.conf"].Contents;
        Assert.Contains("LoadModule ssl_module modules/mod_ssl.so", conf);
        Assert.Contains("Listen 8443", conf);
        Assert.Contains("<VirtualHost *:8443>", conf);
        Assert.Contains("SSLCertificateFile    \"/usr/local/apache2/conf/kalypso/tls.crt\"", conf);
        Assert.Contains("SSLCertificateKeyFile \"/usr/local/apache2/conf/kalypso/tls.key\"", conf);
        Assert.Equal((0, 0, Mode("600")), Owner(files["/usr/local/apache2/conf/kalypso/tls.key"]));
        Assert.Equal(["httpd", "-k", "graceful"], KalypsoContainerProfiles.Httpd.ReloadCommand);
    }

    [Fact]
    public async Task HAProxy_gets_chain_and_key_in_one_file_owned_by_the_haproxy_user()
    {
        var (app, proxy) = Build("haproxy:3.0", c => c);
        using var _ = app;

        Assert.Equal(8443, Assert.Single(proxy.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https").TargetPort);
        var env = await Environment(app, proxy);
        Assert.Equal("/usr/local/etc/haproxy/kalypso/tls.pem", env["KALYPSO_CERT_WITH_KEY_FILE"]);
        Assert.Empty(await Arguments(app, proxy));
        var files = await Files(app, proxy);
        var pem = files["/usr/local/etc/haproxy/kalypso/tls.pem"];
        Assert.Equal((99, 99, Mode("600")), Owner(pem));
        Assert.Equal(2, CountCertificates(pem.Contents));
        Assert.Contains("-----BEGIN PRIVATE KEY-----", pem.Contents);
        Assert.Equal((99, 99, Mode("600")), Owner(files["/usr/local/etc/haproxy/kalypso/tls.key"]));
        Assert.Equal(["sh", "-c", "kill -USR2 1"], KalypsoContainerProfiles.HAProxy.ReloadCommand);
    }

    [Fact]
    public async Task Caddy_runs_its_own_Caddyfile_with_the_certificate()
    {
        var (app, web) = Build("caddy:2", c => c);
        using var _ = app;

        Assert.Equal(["caddy", "run", "--config", "/etc/caddy/kalypso/Caddyfile", "--adapter", "caddyfile"], await Arguments(app, web));
        var caddyfile = (await Files(app, web))["/etc/caddy/kalypso/Caddyfile"].Contents;
        Assert.Contains(":443 {", caddyfile);
        Assert.Contains("tls /etc/caddy/kalypso/tls.crt /etc/caddy/kalypso/tls.key", caddyfile);
        Assert.Contains("--force", KalypsoContainerProfiles.Caddy.ReloadCommand!);
    }

    [Fact]
    public async Task Traefik_gets_a_websecure_entry_point_and_a_watched_file_provider()
    {
        var (app, proxy) = Build("traefik:v3.1", c => c);
        using var _ = app;

        Assert.Equal(
            ["--entrypoints.websecure.address=:443", "--entrypoints.websecure.http.tls=true", "--providers.file.filename=/etc/traefik/kalypso/tls.yml", "--providers.file.watch=true"],
            await Arguments(app, proxy));
        var yaml = (await Files(app, proxy))["/etc/traefik/kalypso/tls.yml"].Contents;
        Assert.Contains("defaultCertificate:", yaml);
        Assert.Contains("certFile: /etc/traefik/kalypso/tls.crt", yaml);
        Assert.Contains("keyFile: /etc/traefik/kalypso/tls.key", yaml);
        Assert.True(KalypsoContainerProfiles.Traefik.ReloadsByItself);
    }

    [Fact]
    public async Task Redis_serves_TLS_on_its_own_port_with_the_key_owned_by_the_redis_user()
    {
        var (app, cache) = Build("redis:7", c => c.WithEndpoint(targetPort: 6379, name: "tcp"));
        using var _ = app;

        Assert.DoesNotContain(cache.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https");
        Assert.Equal(
            ["redis-server", "--port", "0", "--tls-port", "6379",
             "--tls-cert-file", "/usr/local/etc/redis/kalypso/tls.crt", "--tls-key-file", "/usr/local/etc/redis/kalypso/tls.key",
             "--tls-ca-cert-file", "/usr/local/etc/redis/kalypso/ca.crt", "--tls-auth-clients", "no"],
            await Arguments(app, cache));
        Assert.Equal((999, 999, Mode("600")), Owner((await Files(app, cache))["/usr/local/etc/redis/kalypso/tls.key"]));
        Assert.Null(KalypsoContainerProfiles.Redis.ReloadCommand);
    }

    [Fact]
    public async Task PostgreSQL_turns_ssl_on_with_a_key_only_the_postgres_user_can_read()
    {
        var (app, db) = Build("postgres:17", c => c.WithEndpoint(targetPort: 5432, name: "tcp"));
        using var _ = app;

        Assert.DoesNotContain(db.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https");
        Assert.Equal(
            ["postgres", "-c", "ssl=on", "-c", "ssl_cert_file=/etc/postgresql/kalypso/tls.crt", "-c", "ssl_key_file=/etc/postgresql/kalypso/tls.key"],
            await Arguments(app, db));
        var files = await Files(app, db);
        // PostgreSQL refuses to start with a key that its group or others can read.
        Assert.Equal((999, 999, Mode("600")), Owner(files["/etc/postgresql/kalypso/tls.key"]));
        Assert.Equal(["sh", "-c", "kill -HUP 1"], KalypsoContainerProfiles.PostgreSql.ReloadCommand);
    }

    [Fact]
    public async Task Any_other_image_gets_the_files_in_etc_kalypso_and_only_the_three_variables()
    {
        var (app, api) = Build("team/api:dev", c => c);
        using var _ = app;

        Assert.Equal(8443, Assert.Single(api.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https").TargetPort);
        Assert.Empty(await Arguments(app, api));
        var env = await Environment(app, api);
        Assert.Equal("/etc/kalypso/tls.crt", env["KALYPSO_CERT_FILE"]);
        Assert.Equal("/etc/kalypso/tls.key", env["KALYPSO_KEY_FILE"]);
        Assert.Equal("/etc/kalypso/ca.crt", env["KALYPSO_CA_FILE"]);
        Assert.Empty(env.Keys.Where(k => k.StartsWith("KALYPSO_", StringComparison.Ordinal)).Except(["KALYPSO_CERT_FILE", "KALYPSO_KEY_FILE", "KALYPSO_CA_FILE"]));
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], (await Files(app, api)).Keys.Select(Path.GetFileName).Order().ToArray());
    }

    [Fact]
    public async Task An_author_picks_or_changes_a_profile_and_the_image_name_no_longer_decides()
    {
        var ownProfile = KalypsoContainerProfiles.Generic with { Name = "mine", Directory = "/run/secrets/tls", FileOwner = 1000, FileGroup = 1000, HttpsPort = 9443 };
        var (app, api) = Build("nginx:1.27", c => c.WithKalypsoProfile(ownProfile));
        using var _ = app;

        Assert.Equal(9443, Assert.Single(api.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https").TargetPort);
        var files = await Files(app, api);
        Assert.DoesNotContain("/etc/nginx/conf.d/kalypso-https.conf", files.Keys);
        Assert.Equal((1000, 1000, Mode("600")), Owner(files["/run/secrets/tls/tls.key"]));
        Assert.Equal("/run/secrets/tls/tls.crt", (await Environment(app, api))["KALYPSO_CERT_FILE"]);

    }

    [Fact]
    public void A_profile_set_after_WithKalypsoHttps_or_with_a_relative_folder_is_refused_where_it_is_set()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(StoreDirectory);
        var web = builder.AddContainer("web", "nginx").WithKalypsoHttps(kalypso);

        var late = Assert.Throws<InvalidOperationException>(() => web.WithKalypsoProfile(KalypsoContainerProfiles.Caddy));
        Assert.Contains("'nginx' profile", late.Message);
        Assert.Contains("before WithKalypsoHttps", late.Message);
        var relative = Assert.Throws<ArgumentException>(() =>
            builder.AddContainer("api", "team/api").WithKalypsoProfile(KalypsoContainerProfiles.Generic with { Directory = "etc/kalypso" }));
        Assert.Contains("absolute path", relative.Message);
    }

    [Fact]
    public async Task A_container_that_only_trusts_Kalypso_gets_the_root_file_and_its_path_not_a_host_path()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(StoreDirectory);
        var client = builder.AddContainer("client", "team/client").WithKalypsoTrust(kalypso).Resource;
        using var app = builder.Build();

        Assert.Equal("/etc/kalypso/ca.crt", (await Environment(app, client))["KALYPSO_CA_FILE"]);
        Assert.DoesNotContain(client.Annotations, a => a is EndpointAnnotation);
        var files = await Files(app, client);
        Assert.Equal(["/etc/kalypso/ca.crt"], files.Keys.ToArray());
        Assert.Equal(Mode("644"), files["/etc/kalypso/ca.crt"].Mode);
    }

    [Fact]
    public void The_certificate_covers_the_container_name_its_dev_internal_name_its_aliases_and_localhost()
    {
        var (app, web) = Build("nginx", c => c.WithContainerNetworkAlias("www.team.internal"));
        using var _ = app;

        var names = Assert.Single(web.Annotations.OfType<KalypsoCertificateAnnotation>()).Current!.Names.All.ToArray();
        Assert.Contains("web", names);
        Assert.Contains("web.dev.internal", names);
        Assert.Contains("www.team.internal", names);
        Assert.Contains("localhost", names);
    }

    private string StoreDirectory => Path.Combine(_root, "store");

    private (DistributedApplication App, ContainerResource Container) Build(string image, Func<IResourceBuilder<ContainerResource>, IResourceBuilder<ContainerResource>> configure)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(StoreDirectory);
        var (name, tag) = image.Split(':') is [var n, var t] ? (n, t) : (image, "latest");
        var container = configure(builder.AddContainer("web", name, tag)).WithKalypsoHttps(kalypso);
        return (builder.Build(), container.Resource);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private static (int?, int?, UnixFileMode) Owner(DeliveredFile file) => (file.Owner, file.Group, file.Mode);

    private static int CountCertificates(string pem) => pem.Split("-----BEGIN CERTIFICATE-----").Length - 1;

    private sealed record DeliveredFile(string Contents, int? Owner, int? Group, UnixFileMode Mode);

    /// <summary>Every file the container's file callbacks produce, by absolute path, with owner and group resolved as Aspire does (the item's, else the callback's default).</summary>
    private static async Task<Dictionary<string, DeliveredFile>> Files(DistributedApplication app, ContainerResource container)
    {
        var files = new Dictionary<string, DeliveredFile>(StringComparer.Ordinal);
        foreach (var annotation in container.Annotations.OfType<ContainerFileSystemCallbackAnnotation>())
        {
            var context = new ContainerFileSystemCallbackContext { Services = app.Services, Model = container };
            foreach (var item in await annotation.Callback(context, CancellationToken.None))
            {
                var file = Assert.IsType<ContainerFile>(item);
                files[$"{annotation.DestinationPath.TrimEnd('/')}/{file.Name}"] =
                    new DeliveredFile(file.Contents!, file.Owner ?? annotation.DefaultOwner, file.Group ?? annotation.DefaultGroup, file.Mode);
            }
        }
        return files;
    }

    private static async Task<Dictionary<string, string>> Environment(DistributedApplication app, IResource resource)
    {
        var result = await Configuration(app, resource);
        return result.EnvironmentVariables.ToDictionary(p => p.Key, p => p.Value);
    }

    private static async Task<string[]> Arguments(DistributedApplication app, IResource resource) =>
        [.. (await Configuration(app, resource)).Arguments.Select(a => a.Value)];

    private static Task<IExecutionConfigurationResult> Configuration(DistributedApplication app, IResource resource) =>
        ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .WithArgumentsConfig()
            .BuildAsync(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, CancellationToken.None);
}
