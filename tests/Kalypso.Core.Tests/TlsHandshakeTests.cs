using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>
/// Real TLS handshakes: Kestrel serves a freshly issued leaf for localhost and 127.0.0.1, and
/// curl and openssl s_client, trusting only the Kalypso root, accept it for those names and
/// reject it for a name it does not carry.
/// </summary>
public sealed class TlsHandshakeTests : IClassFixture<TlsHandshakeTests.Server>
{
    private readonly Server _server;

    public TlsHandshakeTests(Server server) => _server = server;

    [Fact]
    public void Curl_trusts_the_leaf_for_localhost_with_only_the_kalypso_root()
    {
        var result = Curl("localhost", _server.RootPath);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(TlsTestServer.Greeting, result.StdOut);
    }

    [Fact]
    public void Curl_trusts_the_leaf_for_its_ip_address()
    {
        var result = ToolRunner.Run("curl", ["--silent", "--show-error", "--cacert", _server.RootPath, $"https://127.0.0.1:{_server.Port}/"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(TlsTestServer.Greeting, result.StdOut);
    }

    [Fact]
    public void Curl_refuses_a_name_not_in_the_san_list_with_exit_60()
    {
        var result = Curl("elsewhere.test", _server.RootPath);
        Assert.True(result.ExitCode == 60, result.ToString());
        Assert.Contains("no alternative certificate subject name matches", result.StdErr);
    }

    [Fact]
    public void Curl_refuses_the_leaf_when_trusting_another_root()
    {
        var result = Curl("localhost", _server.OtherRootPath);
        Assert.True(result.ExitCode == 60, result.ToString());
    }

    [Fact]
    public void Openssl_s_client_verifies_the_leaf_for_localhost()
    {
        var result = SClient("localhost");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Verify return code: 0 (ok)", result.StdOut);
        Assert.Contains("subject=CN = localhost", result.StdOut);
        Assert.Contains("issuer=O = Kalypso Dev CA, CN = Kalypso Dev CA Root CA", result.StdOut);
    }

    [Fact]
    public void Openssl_s_client_refuses_a_name_not_in_the_san_list()
    {
        var result = SClient("elsewhere.test");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("hostname mismatch", result.Output);
    }

    private ToolResult Curl(string host, string rootPath) => ToolRunner.Run("curl",
    [
        "--silent", "--show-error", "--cacert", rootPath,
        "--resolve", $"{host}:{_server.Port}:127.0.0.1",
        $"https://{host}:{_server.Port}/",
    ]);

    private ToolResult SClient(string host) => ToolRunner.Run("openssl",
    [
        "s_client", "-connect", $"127.0.0.1:{_server.Port}", "-servername", host,
        "-verify_return_error", "-verify_hostname", host,
        "-no-CApath", "-no-CAstore", "-CAfile", _server.RootPath,
    ], stdin: "");

    public sealed class Server : IAsyncLifetime
    {
        private readonly TempStore _temp = new();
        private readonly CertificateAuthority _ca = CertificateAuthority.Create();
        private IssuedCertificate? _leaf;
        private TlsTestServer? _server;

        public string RootPath { get; private set; } = "";
        public string OtherRootPath { get; private set; } = "";
        public int Port => _server!.Port;

        public async ValueTask InitializeAsync()
        {
            RootPath = _temp.Write("ca-cert.pem", _ca.CertificatePem);
            using (var stranger = CertificateAuthority.Create()) OtherRootPath = _temp.Write("other-ca.pem", stranger.CertificatePem);
            _leaf = _ca.Issue(new LeafRequest(NameParser.Parse(["localhost"], ["127.0.0.1"])));
            _server = await TlsTestServer.StartAsync(_leaf);
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null) await _server.DisposeAsync();
            _leaf?.Dispose();
            _ca.Dispose();
            _temp.Dispose();
        }
    }
}
