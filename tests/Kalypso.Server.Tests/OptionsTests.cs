using System.Net;
using Kalypso.Core;
using Kalypso.Server.Hosting;

namespace Kalypso.Server.Tests;

/// <summary>Argument parsing, bind rules and the Host allow-list, without a server.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Arguments_map_onto_options()
    {
        var (options, help) = ServerArguments.Parse(
            ["--port", "0", "--bind", "::1", "--data-dir", "/tmp/x", "--allow-host", "kalypso", "--allow-host", "host.docker.internal", "--allow-non-loopback", "--key-pool", "8"]);
        Assert.False(help);
        Assert.Equal(0, options.Port);
        Assert.Equal("::1", options.Bind);
        Assert.Equal("/tmp/x", options.DataDirectory);
        Assert.Equal(["kalypso", "host.docker.internal"], options.AllowedHosts);
        Assert.True(options.AllowNonLoopback);
        Assert.Equal(8, options.KeyPoolSize);
    }

    [Fact]
    public void Defaults_are_loopback_8200()
    {
        var (options, _) = ServerArguments.Parse([]);
        Assert.Equal(8200, options.Port);
        Assert.Equal("127.0.0.1", options.Bind);
        Assert.False(options.AllowNonLoopback);
        Assert.True(ServerArguments.Parse(["--help"]).Help);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("192.168.1.10", false)]
    public void Only_loopback_binds_without_the_flag(string bind, bool allowed)
    {
        var options = new KalypsoServerOptions { Bind = bind, Port = 0 };
        if (allowed) Assert.True(ListenAddress.Resolve(options).IsLoopback);
        else
        {
            Assert.Contains("--allow-non-loopback", Assert.Throws<KalypsoException>(() => ListenAddress.Resolve(options)).Message);
            Assert.False(ListenAddress.Resolve(options with { AllowNonLoopback = true }).IsLoopback);
        }
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LocalHost.", true)]
    [InlineData("api.localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.255.0.9", true)]
    [InlineData("[::1]", true)]
    [InlineData("kalypso", true)]
    [InlineData("KALYPSO", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("192.168.5.5", true)]
    [InlineData("", false)]
    [InlineData("kalypso.evil.example", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("evillocalhost", false)]
    [InlineData("10.1.2.4", false)]
    [InlineData("[::2]", false)]
    public void The_host_allow_list_takes_loopback_configured_and_bound_names(string host, bool allowed) =>
        Assert.Equal(allowed, new HostAllowList(["kalypso", "10.1.2.3"], IPAddress.Parse("192.168.5.5")).Allows(host));
}
