using System.Security.Authentication;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>Real TLS handshakes against real Kestrel servers, through IHttpClientFactory clients.</summary>
public sealed class TrustTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestCa _ca = new();

    private ClientHost TrustingClient() => new(new() { ["KALYPSO_CA_FILE"] = _ca.WriteRoot(_folder) });

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task A_Kalypso_issued_server_is_accepted(string host)
    {
        using var leaf = _ca.Issue("localhost", "127.0.0.1");
        using var certificate = leaf.WithPrivateKey();
        await using var server = await PlainTlsServer.StartAsync(certificate);
        using var client = TrustingClient();

        var body = await client.Create().GetStringAsync($"https://{host}:{server.Port}/", TestContext.Current.CancellationToken);

        Assert.Equal("hello", body);
    }

    [Fact]
    public async Task Without_the_package_the_same_server_is_refused()
    {
        // Proof that the package, not the machine, makes the previous test pass: the root is in no OS store.
        using var leaf = _ca.Issue("localhost");
        using var certificate = leaf.WithPrivateKey();
        await using var server = await PlainTlsServer.StartAsync(certificate);
        using var client = new ClientHost(new() { ["KALYPSO_CA_FILE"] = _ca.WriteRoot(_folder) }, addKalypso: false);

        await AssertRefusedAsync(client, server.Port);
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_refused()
    {
        using var leaf = _ca.Issue("api.example.test");
        using var certificate = leaf.WithPrivateKey();
        await using var server = await PlainTlsServer.StartAsync(certificate);
        using var client = TrustingClient();

        await AssertRefusedAsync(client, server.Port);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        var (pastCa, leaf) = TestCa.ExpiredLeaf("localhost");
        using (pastCa)
        using (leaf)
        {
            Assert.True(leaf.NotAfter < DateTimeOffset.UtcNow);
            using var certificate = leaf.WithPrivateKey();
            await using var server = await PlainTlsServer.StartAsync(certificate);
            using var folder = new TempFolder();
            // The client trusts exactly the CA that issued the expired leaf: only the dates are wrong.
            using var client = new ClientHost(new() { ["KALYPSO_CA_FILE"] = pastCa.WriteRoot(folder) });

            await AssertRefusedAsync(client, server.Port);
        }
    }

    [Fact]
    public async Task A_certificate_from_another_CA_is_refused()
    {
        using var other = new TestCa();
        using var leaf = other.Issue("localhost");
        using var certificate = leaf.WithPrivateKey();
        await using var server = await PlainTlsServer.StartAsync(certificate);
        using var client = TrustingClient();

        await AssertRefusedAsync(client, server.Port);
    }

    [Fact]
    public async Task A_rotated_root_file_is_trusted_without_a_restart()
    {
        using var client = TrustingClient();
        using var next = new TestCa();
        using var leaf = next.Issue("localhost");
        using var certificate = leaf.WithPrivateKey();
        await using var server = await PlainTlsServer.StartAsync(certificate);
        await AssertRefusedAsync(client, server.Port);

        // Same path, new contents (and a later timestamp), as a CA rotation rewrites it.
        File.WriteAllText(_folder.File("ca.pem"), next.Authority.CertificatePem);
        File.SetLastWriteTimeUtc(_folder.File("ca.pem"), DateTime.UtcNow.AddSeconds(5));

        Assert.Equal("hello", await client.Create().GetStringAsync($"https://localhost:{server.Port}/", TestContext.Current.CancellationToken));
    }

    private static async Task AssertRefusedAsync(ClientHost client, int port)
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.Create().GetStringAsync($"https://localhost:{port}/", TestContext.Current.CancellationToken));
        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}
