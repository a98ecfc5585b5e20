using Kalypso.Core;
using Kalypso.Core.Names;

namespace Kalypso.Core.Tests;

/// <summary>IDNA mapping drops invisible characters; the name rules refuse them so a certificate never covers a name other than the one asked for.</summary>
public sealed class InvisibleCharacterNameTests
{
    [Theory]
    [InlineData("pay\u200Bpal.test")]
    [InlineData("pay\u200Dpal.test")]
    [InlineData("a\u202Etset.com")]
    [InlineData("\uFEFFexample.test")]
    [InlineData("b\u00FCcher\u200B.test")]
    public void Names_with_invisible_format_characters_are_refused(string name)
    {
        var error = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse([name]));
        Assert.Equal("domains", error.Field);
        Assert.Contains(error.Rule, new[] { "idn-invisible" });
    }

    [Fact]
    public void Visible_international_names_still_map_to_punycode() =>
        Assert.Equal(["xn--bcher-kva.test"], NameParser.Parse(["b\u00FCcher.test"]).DnsNames);
}
