using Kalypso.Core;

namespace Kalypso.Cli.Tests.Commands;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("8h", 8 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData(" 2H ", 7200)]
    public void Parses_durations_with_units(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationParser.Parse(text));

    [Theory]
    [InlineData("30")]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("1.5h")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    [InlineData("99999999999d")]
    public void Refuses_anything_else(string text) =>
        Assert.Equal("lifetime", Assert.Throws<KalypsoValidationException>(() => DurationParser.Parse(text)).Field);
}
