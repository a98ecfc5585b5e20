using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>The app model the extensions build, inspected without starting anything.</summary>
public sealed class ModelTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void AddKalypso_creates_the_CA_in_the_data_directory_when_first_needed_and_stays_out_of_the_manifest()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        Assert.False(_store.Open().Exists);

        builder.Executable("worker").WithKalypsoHttps(kalypso);

        Assert.True(_store.Open().Exists);
        var resource = kalypso.Resource;
        Assert.Equal(_store.Directory, resource.StoreDirectory);
        Assert.Contains(resource.Annotations.OfType<ManifestPublishingCallbackAnnotation>(), a => a.Callback is null);
        Assert.Single(resource.Annotations.OfType<EndpointAnnotation>(), e => e.Name == "http" && e.UriScheme == "http");
        Assert.Single(resource.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Contains(resource.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == "kalypso-trust-help");
        Assert.IsAssignableFrom<IResourceWithWaitSupport>(resource);
        Assert.Contains("Created a new Kalypso CA", Assert.Single(resource.CertificateAuthority.Notices));
        Assert.Contains("kalypso trust", resource.CertificateAuthority.Notices[0]);
    }

    [Fact]
    public void WithKalypsoHttps_issues_a_leaf_for_exactly_the_names_the_resource_is_reached_by_with_the_configured_lifetime()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory).WithLifetime(TimeSpan.FromHours(2));
        var worker = builder.Executable("Worker").WithKalypsoHttps(kalypso, "worker.example.test", "10.1.2.3");

        var annotation = Assert.Single(worker.Resource.Annotations.OfType<KalypsoCertificateAnnotation>());
        var issued = Assert.IsType<IssuedCertificate>(annotation.Current);
        Assert.Equal(
            ["worker", "worker.dev.internal", "localhost", "worker.example.test", "127.0.0.1", "::1", "10.1.2.3"],
            issued.Names.All.ToArray());
        Assert.Equal(TimeSpan.FromHours(2), issued.NotAfter - annotation.IssuedAt.AddTicks(-(annotation.IssuedAt.UtcTicks % TimeSpan.TicksPerSecond)));

        using var loaded = _store.Open().Load().Authority;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(loaded.Certificate);
        Assert.True(chain.Build(issued.Certificate));

        var https = Assert.Single(worker.Resource.Annotations.OfType<HttpsCertificateAnnotation>());
        Assert.True(https.Certificate!.HasPrivateKey);
        Assert.Equal(issued.Certificate.Thumbprint, https.Certificate.Thumbprint);
        Assert.Single(worker.Resource.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https");
        Assert.Contains(worker.Resource.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == "kalypso-reissue");

        var audit = Assert.Single(_store.Open().AuditLog.ReadAll());
        Assert.Equal("aspire:Worker", audit.Requester);
        Assert.Equal(issued.Fingerprint, audit.Fingerprint);
        Assert.Equal(1, kalypso.Resource.CertificateAuthority.IssuedThisRun);
    }

    [Fact]
    public async Task An_executable_gets_its_certificate_key_and_CA_files_and_trust_but_never_the_CA_key()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var worker = builder.Executable("worker").WithKalypsoHttps(kalypso);
        using var app = builder.Build();
        ModelBuilders.AllocateEndpoints(worker.Resource);

        var environment = await Environment(app, worker.Resource);

        var thumbprint = worker.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Single().Current!.Certificate.Thumbprint;
        Assert.Equal($"/session/private/{thumbprint}.crt", environment[KalypsoEnvironmentVariables.CertificateFile]);
        Assert.Equal($"/session/private/{thumbprint}.key", environment[KalypsoEnvironmentVariables.KeyFile]);
        Assert.Equal(_store.Open().CertificatePath, environment[KalypsoEnvironmentVariables.CaFile]);
        Assert.Equal("/session/certs", environment["SSL_CERT_DIR"].Split(Path.PathSeparator)[0]);
        Assert.DoesNotContain(environment.Values, v => v.Contains("PRIVATE KEY", StringComparison.Ordinal) || v.Contains("ca-key", StringComparison.Ordinal));

        var trust = Assert.Single(worker.Resource.Annotations.OfType<CertificateAuthorityCollectionAnnotation>());
        var collection = Assert.Single(trust.CertificateAuthorityCollections);
        Assert.Equal(_store.Open().Load().Authority.Fingerprint, Fingerprints.Sha256(Assert.Single(collection.Certificates)));
    }

    [Fact]
    public async Task WithKalypsoTrust_trusts_the_root_without_issuing_anything()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var client = builder.AddExecutable("client", "sleep", ".", "3600").WithKalypsoTrust(kalypso).WithKalypsoTrust(kalypso);
        using var app = builder.Build();

        var environment = await Environment(app, client.Resource);

        Assert.Empty(client.Resource.Annotations.OfType<KalypsoCertificateAnnotation>());
        Assert.Empty(client.Resource.Annotations.OfType<HttpsCertificateAnnotation>());
        Assert.Single(Assert.Single(client.Resource.Annotations.OfType<CertificateAuthorityCollectionAnnotation>()).CertificateAuthorityCollections);
        Assert.Equal(_store.Open().CertificatePath, environment[KalypsoEnvironmentVariables.CaFile]);
        Assert.False(environment.ContainsKey(KalypsoEnvironmentVariables.KeyFile));
        Assert.Empty(_store.Open().AuditLog.ReadAll());
    }

    [Fact]
    public void A_project_without_https_gets_an_https_endpoint_and_keeps_its_http_one()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var api = builder.AddProject<Projects.Kalypso_TestApps_Api>("api").WithHttpEndpoint(name: "http").WithKalypsoHttps(kalypso);

        var endpoints = api.Resource.Annotations.OfType<EndpointAnnotation>().ToList();
        Assert.Contains(endpoints, e => e.Name == "http" && e.UriScheme == "http");
        Assert.Contains(endpoints, e => e.Name == "https" && e.UriScheme == "https");
    }

    [Fact]
    public async Task A_container_is_certified_for_its_network_aliases_and_gets_an_https_endpoint_and_the_file_variables()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var cache = builder.AddContainer("cache", "example/cache").WithHttpEndpoint(targetPort: 8080, name: "http")
            .WithContainerNetworkAlias("cache.backend").WithKalypsoHttps(kalypso);
        using var app = builder.Build();
        ModelBuilders.AllocateEndpoints(cache.Resource);

        var names = cache.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Single().Current!.Names.All;
        Assert.Equal(["cache", "cache.dev.internal", "cache.backend", "localhost", "127.0.0.1", "::1"], names.ToArray());
        var https = Assert.Single(cache.Resource.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https");
        Assert.Equal(8443, https.TargetPort);
        var environment = await Environment(app, cache.Resource);
        Assert.EndsWith(".crt", environment[KalypsoEnvironmentVariables.CertificateFile]);
        Assert.EndsWith(".key", environment[KalypsoEnvironmentVariables.KeyFile]);
    }

    [Fact]
    public void In_publish_mode_Kalypso_is_excluded_and_WithKalypsoHttps_adds_nothing()
    {
        var builder = ModelBuilders.Publish(Path.Combine(_store.Root, "manifest"));
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var worker = builder.Executable("worker");
        var client = builder.AddExecutable("client", "sleep", ".", "1");
        var before = worker.Resource.Annotations.Count + client.Resource.Annotations.Count;
        worker.WithKalypsoHttps(kalypso);
        client.WithKalypsoTrust(kalypso);
        Assert.Equal(before, worker.Resource.Annotations.Count + client.Resource.Annotations.Count);

        Assert.True(builder.ExecutionContext.IsPublishMode);
        Assert.Contains(kalypso.Resource.Annotations.OfType<ManifestPublishingCallbackAnnotation>(), a => a.Callback is null);
        Assert.Empty(kalypso.Resource.Annotations.OfType<EndpointAnnotation>());
        foreach (var resource in new IResource[] { worker.Resource, client.Resource })
        {
            Assert.Empty(resource.Annotations.OfType<KalypsoCertificateAnnotation>());
            Assert.Empty(resource.Annotations.OfType<HttpsCertificateAnnotation>());
            Assert.Empty(resource.Annotations.OfType<CertificateAuthorityCollectionAnnotation>());
        }
        Assert.DoesNotContain(worker.Resource.Annotations.OfType<EndpointAnnotation>(), e => e.UriScheme == "https");
        Assert.False(Directory.Exists(_store.Directory));
        Assert.Single(kalypso.Resource.Annotations.OfType<KalypsoPublishWarningAnnotation>());
    }

    [Fact]
    public void A_name_that_cannot_be_certified_becomes_a_message_on_the_resource_not_a_crash()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var worker = builder.Executable("worker").WithKalypsoHttps(kalypso, "not a name!");

        var annotation = Assert.Single(worker.Resource.Annotations.OfType<KalypsoCertificateAnnotation>());
        Assert.Null(annotation.Current);
        Assert.Contains("Kalypso cannot certify 'worker'", annotation.Error);
        Assert.Contains("not a name!", annotation.Error);
        Assert.Empty(worker.Resource.Annotations.OfType<HttpsCertificateAnnotation>());
    }

    [Fact]
    public void An_unreadable_store_becomes_a_message_naming_the_file()
    {
        Directory.CreateDirectory(_store.Directory);
        File.WriteAllText(_store.Open().CertificatePath, "not a certificate");
        File.WriteAllText(_store.Open().KeyPath, "not a key");
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var worker = builder.Executable("worker").WithKalypsoHttps(kalypso);

        var annotation = Assert.Single(worker.Resource.Annotations.OfType<KalypsoCertificateAnnotation>());
        Assert.Null(annotation.Current);
        Assert.Contains(_store.Directory, annotation.Error);
        Assert.Contains(_store.Directory, kalypso.Resource.CertificateAuthority.Error!.Message);
        Assert.Empty(worker.Resource.Annotations.OfType<CertificateAuthorityCollectionAnnotation>());
    }

    [Fact]
    public void An_expired_CA_is_refused_with_the_command_that_replaces_it()
    {
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-3));
        _store.Open().Create(new RootOptions { Lifetime = TimeSpan.FromDays(1) }, time: past);
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var worker = builder.Executable("worker").WithKalypsoHttps(kalypso);

        var error = worker.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Single().Error;
        Assert.Contains("expired", error);
        Assert.Contains("kalypso rotate", error);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_CA_key_others_can_read_is_reported_with_the_command_that_fixes_it()
    {
        _store.Open().Create();
        File.SetUnixFileMode(_store.Open().KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        builder.Executable("worker").WithKalypsoHttps(kalypso);

        var notice = Assert.Single(kalypso.Resource.CertificateAuthority.Notices);
        Assert.Contains("0644", notice);
        Assert.Contains($"chmod 600 '{_store.Open().KeyPath}'", notice);
        var shown = KalypsoDashboard.ForKalypso(kalypso.Resource).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal($"0644 (UNSAFE: chmod 600 '{_store.Open().KeyPath}')", shown[KalypsoPropertyNames.CaKeyFile]);
    }

    [Fact]
    public void Settings_are_checked_and_fixed_once_certificates_exist()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        Assert.Throws<KalypsoValidationException>(() => kalypso.WithLifetime(TimeSpan.FromMinutes(4)));
        Assert.Throws<KalypsoValidationException>(() => kalypso.WithLifetime(TimeSpan.FromDays(8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => kalypso.WithRenewal(1.0));
        builder.Executable("worker").WithKalypsoHttps(kalypso);
        var error = Assert.Throws<InvalidOperationException>(() => kalypso.WithLifetime(TimeSpan.FromHours(1)));
        Assert.Contains("before any WithKalypsoHttps", error.Message);
    }

    private static async Task<Dictionary<string, string>> Environment(DistributedApplication app, IResource resource)
    {
        var context = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .WithCertificateTrustConfig(_ => new CertificateTrustExecutionConfigurationContext
            {
                CertificateBundlePath = ReferenceExpression.Create($"/session/cert.pem"),
                CertificateDirectoriesPath = ReferenceExpression.Create($"/session/certs"),
                RootCertificatesPath = "/session",
            })
            .WithHttpsCertificateConfig(certificate => new HttpsCertificateExecutionConfigurationContext
            {
                CertificatePath = ReferenceExpression.Create($"/session/private/{certificate.Thumbprint}.crt"),
                KeyPath = ReferenceExpression.Create($"/session/private/{certificate.Thumbprint}.key"),
                PfxPath = ReferenceExpression.Create($"/session/private/{certificate.Thumbprint}.pfx"),
                CertificateWithKeyPath = ReferenceExpression.Create($"/session/private/{certificate.Thumbprint}.full.pem"),
            })
            .BuildAsync(context, NullLogger.Instance, CancellationToken.None);
        return configuration.EnvironmentVariables.ToDictionary(p => p.Key, p => p.Value);
    }
}
