using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class HelpAndErrorTests : IDisposable
{
    private readonly KalypsoCli _cli = new();

    [Theory]
    [InlineData("init", "--name-constraints")]
    [InlineData("status", "--json")]
    [InlineData("issue", "--lifetime")]
    [InlineData("load", "--json")]
    [InlineData("import-ca", "--cert")]
    [InlineData("rotate", "--store")]
    [InlineData("ca-cert", "--data-dir")]
    [InlineData("trust", "--store")]
    [InlineData("untrust", "--nss-db")]
    public async Task Every_command_has_help(string command, string option)
    {
        var result = await _cli.SucceedAsync(command, "--help");
        Assert.Contains(option, result.Stdout);
    }

    [Fact]
    public async Task Root_help_lists_every_command()
    {
        var result = await _cli.SucceedAsync("--help");
        foreach (var command in new[] { "init", "status", "issue", "load", "import-ca", "rotate", "ca-cert", "trust", "untrust" })
        {
            Assert.Contains(command, result.Stdout);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("trust", "--store", "keychain")]
    [InlineData("init", "--no-such-option")]
    public async Task Unknown_commands_and_values_are_one_line_errors_with_exit_2(params string[] arguments)
    {
        var result = await _cli.RunAsync(arguments);
        OneLineError.Assert(result, 2, "--help");
    }

    public void Dispose() => _cli.Dispose();
}
