using System.Security.Cryptography.X509Certificates;
using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class CaCertCommandTests : IDisposable
{
    private readonly KalypsoCli _cli = new();

    [Fact]
    public async Task Ca_cert_prints_exactly_the_root_pem_for_piping()
    {
        await _cli.SucceedAsync("init");
        var result = await _cli.SucceedAsync("ca-cert");

        Assert.Equal(File.ReadAllText(Path.Combine(_cli.DataDir, "ca-cert.pem")), result.Stdout);
        using var parsed = X509Certificate2.CreateFromPem(result.Stdout);
        Assert.Contains("Kalypso Dev CA", parsed.Subject);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Ca_cert_without_a_ca_fails_and_prints_nothing_to_stdout()
    {
        var result = await _cli.RunAsync("ca-cert");
        OneLineError.Assert(result, 1, "kalypso init");
        Assert.Empty(result.Stdout);
    }

    public void Dispose() => _cli.Dispose();
}
