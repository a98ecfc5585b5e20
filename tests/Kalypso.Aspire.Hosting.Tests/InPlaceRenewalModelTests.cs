using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>
/// WithKalypsoInPlaceRenewal without an orchestrator: where the files go, their modes, the atomic
/// rewrite on renewal, the dashboard, the refusals, and the folder's removal. The end-to-end proof
/// (same process, open connection kept, the other resource restarted) is InPlaceRenewalTests in
/// Kalypso.Aspire.Client.Tests.
/// </summary>
public sealed class InPlaceRenewalModelTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task The_files_live_in_a_private_run_folder_are_rewritten_atomically_on_renewal_and_deleted_with_the_app()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var worker = builder.Executable("worker").WithKalypsoHttps(kalypso).WithKalypsoInPlaceRenewal();
        var other = builder.Executable("other").WithKalypsoHttps(kalypso);
        var app = builder.Build();
        var certificate = worker.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Single();
        Assert.True(certificate.RenewsInPlace);
        Assert.False(other.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Single().RenewsInPlace);
        string runFolder;
        try
        {
            ModelBuilders.AllocateEndpoints(worker.Resource);
            var environment = await ModelTests.Environment(app, worker.Resource);
            var certFile = environment[KalypsoEnvironmentVariables.CertificateFile];
            var keyFile = environment[KalypsoEnvironmentVariables.KeyFile];
            var caFile = environment[KalypsoEnvironmentVariables.CaFile];
            var folder = Path.GetDirectoryName(certFile)!;
            runFolder = Path.GetDirectoryName(folder)!;
            Assert.Equal("worker", Path.GetFileName(folder));
            Assert.Equal(folder, Path.GetDirectoryName(keyFile));
            Assert.Equal(folder, Path.GetDirectoryName(caFile));
            Assert.StartsWith(Path.GetFullPath(Path.GetTempPath()), runFolder);
            AssertMode(OwnerOnlyFolder, runFolder);
            AssertMode(OwnerOnlyFolder, folder);

            // The other resource still reads the files Aspire writes for each start, and the store's root.
            ModelBuilders.AllocateEndpoints(other.Resource);
            var otherEnvironment = await ModelTests.Environment(app, other.Resource);
            Assert.StartsWith("/session/private/", otherEnvironment[KalypsoEnvironmentVariables.CertificateFile]);
            Assert.Equal(_store.Open().CertificatePath, otherEnvironment[KalypsoEnvironmentVariables.CaFile]);

            // Written before the resource starts.
            await app.Services.GetRequiredService<IDistributedApplicationEventing>().PublishAsync(new BeforeResourceStartedEvent(worker.Resource, app.Services), TestContext.Current.CancellationToken);
            var first = certificate.Current!;
            AssertFiles(certFile, keyFile, caFile, first);

            var service = app.Services.GetRequiredService<KalypsoCertificateService>();
            Assert.True(await service.DeliverAsync(worker.Resource, certificate, "test", TestContext.Current.CancellationToken));
            var second = certificate.Current!;
            Assert.NotEqual(first.Certificate.Thumbprint, second.Certificate.Thumbprint);
            AssertFiles(certFile, keyFile, caFile, second);
            Assert.Equal(["ca.pem", "cert.pem", "key.pem"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            // Aspire also gets the new certificate, for a start by hand later on.
            Assert.Equal(second.Certificate.Thumbprint, worker.Resource.Annotations.OfType<HttpsCertificateAnnotation>().Single().Certificate!.Thumbprint);
            Assert.Contains(KalypsoDashboard.ForResource(certificate, DateTimeOffset.UtcNow), p => p.Name == KalypsoPropertyNames.CertificateRenewal && (string?)p.Value == "in place");
            Assert.Contains(KalypsoDashboard.ForResource(other.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Single(), DateTimeOffset.UtcNow),
                p => p.Name == KalypsoPropertyNames.CertificateRenewal && (string?)p.Value == "restart");
            Assert.True(Directory.Exists(runFolder));
        }
        finally
        {
            app.Dispose();
        }
        Assert.False(Directory.Exists(runFolder));
    }

    [Fact]
    public void It_needs_WithKalypsoHttps_first_refuses_containers_and_adds_nothing_in_publish_mode()
    {
        var builder = ModelBuilders.Run();
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory);
        var plain = builder.Executable("plain");
        Assert.Contains("call WithKalypsoHttps(kalypso) before", Assert.Throws<InvalidOperationException>(() => plain.WithKalypsoInPlaceRenewal()).Message);
        var cache = builder.AddContainer("cache", "redis").WithKalypsoHttps(kalypso);
        Assert.Contains("is a container", Assert.Throws<InvalidOperationException>(() => cache.WithKalypsoInPlaceRenewal()).Message);

        using var output = new TempStore();
        var publish = ModelBuilders.Publish(output.Root);
        var published = publish.Executable("worker").WithKalypsoHttps(publish.AddKalypso("kalypso")).WithKalypsoInPlaceRenewal();
        Assert.Empty(published.Resource.Annotations.OfType<KalypsoCertificateAnnotation>());
    }

    private static void AssertFiles(string certFile, string keyFile, string caFile, Kalypso.Core.Authority.IssuedCertificate expected)
    {
        using var served = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        Assert.Equal(expected.Certificate.Thumbprint, served.Thumbprint);
        Assert.True(served.HasPrivateKey);
        Assert.Equal(expected.CaCertificatePem.Trim(), File.ReadAllText(caFile).Trim());
        AssertMode(UnixFileMode.UserRead | UnixFileMode.UserWrite, keyFile);
    }

    // Windows has no modes: there the folder's ACL, inherited from the user's temp folder, keeps others out.
    private static void AssertMode(UnixFileMode expected, string path)
    {
        if (!OperatingSystem.IsWindows()) Assert.Equal(expected, File.GetUnixFileMode(path));
    }
}
