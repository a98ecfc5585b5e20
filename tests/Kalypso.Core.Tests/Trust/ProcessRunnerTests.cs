using System.Diagnostics;
using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

/// <summary>The one process runner, with real processes.</summary>
public sealed class ProcessRunnerTests
{
    [Fact]
    public void Passes_arguments_as_a_list_never_through_a_shell()
    {
        var result = ProcessRunner.Instance.Run("printf", ["%s|", "$(echo hacked); touch /tmp/x", "two words"]);
        Assert.Equal("$(echo hacked); touch /tmp/x|two words|", result.StandardOutput);
    }

    [Fact]
    public void Gives_the_tool_a_clean_environment()
    {
        Environment.SetEnvironmentVariable("KALYPSO_TEST_SECRET", "do-not-leak");
        try
        {
            var result = ProcessRunner.Instance.Run("env", []);
            Assert.DoesNotContain("do-not-leak", result.StandardOutput);
            Assert.Contains("PATH=", result.StandardOutput);
            Assert.Contains("LC_ALL=C", result.StandardOutput);
            var names = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]);
            Assert.All(names, n => Assert.True(ProcessRunner.PassedVariables.Contains(n) || n == "LC_ALL", n));
        }
        finally
        {
            Environment.SetEnvironmentVariable("KALYPSO_TEST_SECRET", null);
        }
    }

    [Fact]
    public void Closes_standard_input_so_a_prompt_reads_end_of_file()
    {
        var clock = Stopwatch.StartNew();
        var result = ProcessRunner.Instance.Run("cat", [], TimeSpan.FromSeconds(20));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Kills_a_tool_that_outlives_its_timeout()
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<TrustStoreException>(() => ProcessRunner.Instance.Run("sleep", ["60"], TimeSpan.FromSeconds(1)));
        Assert.Contains("did not finish within 1 s", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Reports_a_missing_tool_as_not_installed()
    {
        Assert.Null(ProcessRunner.Instance.Find("kalypso-no-such-tool"));
        Assert.Contains("not installed", Assert.Throws<TrustStoreException>(() => ProcessRunner.Instance.Run("kalypso-no-such-tool", [])).Message);
    }

    [Fact]
    public void Returns_exit_code_and_both_outputs()
    {
        var result = ProcessRunner.Instance.Run("ls", ["/kalypso-no-such-path"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Contains("kalypso-no-such-path", result.Summary);
    }
}
