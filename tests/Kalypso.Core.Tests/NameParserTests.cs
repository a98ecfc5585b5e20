using System.Net;
using Kalypso.Core.Names;

namespace Kalypso.Core.Tests;

/// <summary>Every rule NameParser applies, as tables: what is accepted (and how it is normalised), and what is refused with which rule.</summary>
public sealed class NameParserTests
{
    private static readonly string Label63 = new('a', 63);

    // A 253-character name: three 63-character labels, one 61-character label.
    private static readonly string Name253 = $"{Label63}.{Label63}.{Label63}.{new string('b', 61)}";

    public static TheoryData<string, bool, string> AcceptedDnsNames => new()
    {
        { "localhost", false, "localhost" },
        { "API.Example.Test", false, "api.example.test" },
        { "api.test.", false, "api.test" },
        { "  padded.test  ", false, "padded.test" },
        { "a.b", false, "a.b" },
        { "x", false, "x" },
        { "my-service-1.dev.internal", false, "my-service-1.dev.internal" },
        { "123abc.test", false, "123abc.test" },
        { "1.2.3.example", false, "1.2.3.example" },
        { $"{Label63}.test", false, $"{Label63}.test" },
        { Name253, false, Name253 },
        { "bücher.test", false, "xn--bcher-kva.test" },
        { "BÜCHER.Test", false, "xn--bcher-kva.test" },
        { "münchen.example", false, "xn--mnchen-3ya.example" },
        { "日本語.test", false, "xn--wgv71a119e.test" },
        { "xn--bcher-kva.test", false, "xn--bcher-kva.test" },
        { "*.app.test", true, "*.app.test" },
        { "*.Bücher.test", true, "*.xn--bcher-kva.test" },
    };

    [Theory]
    [MemberData(nameof(AcceptedDnsNames))]
    public void Valid_dns_names_are_accepted_in_ascii_lower_case(string input, bool wildcards, string expected)
    {
        var names = NameParser.Parse([input], allowWildcards: wildcards);
        Assert.Equal([expected], names.DnsNames);
        Assert.Empty(names.IpAddresses);
        Assert.Equal(expected, names.CommonName);
    }

    public static TheoryData<string, bool, string> RefusedDnsNames => new()
    {
        { "a..b.test", false, "dns-label-empty" },
        { ".leading.test", false, "dns-label-empty" },
        { "a.test..", false, "dns-label-empty" },
        { ".", false, "dns-empty" },
        { $"{Label63}a.test", false, "dns-label-length" },
        { Name253 + "b", false, "dns-name-length" },
        { Name253 + ".c", false, "dns-name-length" },
        { "under_score.test", false, "dns-character" },
        { "with space.test", false, "dns-character" },
        { "slash/path.test", false, "dns-character" },
        { "at@host.test", false, "dns-character" },
        { "host:8080", false, "dns-character" },
        { "http://api.test", false, "dns-character" },
        { "-leading.test", false, "dns-hyphen" },
        { "trailing-.test", false, "dns-hyphen" },
        { "api.-mid.test", false, "dns-hyphen" },
        { "bü_cher.test", false, "idn-invalid" },
        { "a\u00A0b.test", false, "idn-invalid" },
        { "1.2.3", false, "dns-numeric-tld" },
        { "999.1.1.1", false, "dns-numeric-tld" },
        { "256.0.0.1", false, "dns-numeric-tld" },
        { "1.2.3.4.5", false, "dns-numeric-tld" },
        { "0x7f.0.0.1", false, "dns-numeric-tld" },
        { "*", false, "wildcard-alone" },
        { "*", true, "wildcard-alone" },
        { "*.", true, "wildcard-alone" },
        { "*.test", true, "wildcard-tld" },
        { "*.localhost", true, "wildcard-tld" },
        { "*.app.test", false, "wildcard-not-allowed" },
        { "a.*.test", true, "wildcard-position" },
        { "*a.app.test", true, "wildcard-position" },
        { "a*.app.test", true, "wildcard-position" },
        { "**.app.test", true, "wildcard-position" },
        { "*.*.app.test", true, "wildcard-position" },
        { "app.test.*", true, "wildcard-position" },
    };

    [Theory]
    [MemberData(nameof(RefusedDnsNames))]
    public void Invalid_dns_names_are_refused_naming_the_input_and_the_rule(string input, bool wildcards, string rule)
    {
        var error = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse([input], allowWildcards: wildcards));
        Assert.Equal(rule, error.Rule);
        Assert.Equal("domains", error.Field);
        Assert.Contains(input.Length <= 80 ? $"'{input}'" : $"'{input[..77]}...'", error.Message);
    }

    public static TheoryData<string, string> AcceptedIpLiterals => new()
    {
        { "127.0.0.1", "127.0.0.1" },
        { "0.0.0.0", "0.0.0.0" },
        { "10.20.30.40", "10.20.30.40" },
        { "255.255.255.255", "255.255.255.255" },
        { "::1", "::1" },
        { "[::1]", "::1" },
        { "0:0:0:0:0:0:0:1", "::1" },
        { "fe80::1", "fe80::1" },
        { "2001:DB8::1", "2001:db8::1" },
        { "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
    };

    [Theory]
    [MemberData(nameof(AcceptedIpLiterals))]
    public void Ip_literals_are_accepted_among_names_and_in_the_ip_list(string input, string expected)
    {
        var fromNames = NameParser.Parse([input]);
        Assert.Equal([expected], fromNames.IpAddresses.Select(ip => ip.ToString()));
        Assert.Empty(fromNames.DnsNames);
        Assert.Equal(expected, fromNames.CommonName);

        var fromIps = NameParser.Parse(null, [input]);
        Assert.Equal([expected], fromIps.IpAddresses.Select(ip => ip.ToString()));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("01.2.3.4")]
    [InlineData("010.0.0.1")]
    [InlineData("127.000.000.001")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3.4:443")]
    [InlineData("[::1]:443")]
    [InlineData("::1%lo")]
    [InlineData("fe80::1%eth0")]
    [InlineData("::1/128")]
    [InlineData("10.0.0.0/8")]
    [InlineData("1::2::3")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("[::1")]
    public void Ip_list_takes_only_strict_literals(string input)
    {
        var error = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse(null, [input]));
        Assert.Equal("ip_addresses", error.Field);
        Assert.Equal("ip-invalid", error.Rule);
        Assert.Contains($"'{input}'", error.Message);
    }

    [Theory]
    [InlineData("01.2.3.4")]
    [InlineData("010.0.0.1")]
    [InlineData("[::1]:443")]
    [InlineData("::1%lo")]
    [InlineData("::1/128")]
    public void Loose_ip_forms_among_names_are_refused_not_reinterpreted(string input)
    {
        // "010.0.0.1" is 10.0.0.1 to some parsers and 8.0.0.1 (octal) to inet_aton; "[::1]:443"
        // carries a port. Neither may silently become some address.
        var error = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse([input]));
        Assert.Equal("domains", error.Field);
        Assert.Contains($"'{input}'", error.Message);
    }

    [Fact]
    public void Duplicates_are_folded_keeping_the_first_order()
    {
        var names = NameParser.Parse(["b.test", "A.test", "a.test.", "B.TEST", "127.0.0.1", "::1"], ["127.0.0.1", "0:0::1", "10.0.0.1"]);
        Assert.Equal(["b.test", "a.test"], names.DnsNames);
        Assert.Equal([IPAddress.Parse("127.0.0.1"), IPAddress.IPv6Loopback, IPAddress.Parse("10.0.0.1")], names.IpAddresses);
        Assert.Equal("b.test", names.CommonName);
        Assert.Equal(["b.test", "a.test", "127.0.0.1", "::1", "10.0.0.1"], names.All);
    }

    [Fact]
    public void Wildcard_and_its_base_name_are_distinct_names()
    {
        var names = NameParser.Parse(["*.app.test", "app.test", "*.APP.test"], allowWildcards: true);
        Assert.Equal(["*.app.test", "app.test"], names.DnsNames);
    }

    [Fact]
    public void Common_name_is_the_first_name_even_when_the_ip_list_comes_first_in_code()
    {
        Assert.Equal("api.test", NameParser.Parse(["api.test"], ["127.0.0.1"]).CommonName);
        Assert.Equal("127.0.0.1", NameParser.Parse([], ["127.0.0.1"]).CommonName);
    }

    public static TheoryData<string?[]?, string?[]?> EmptyRequests => new()
    {
        { null, null },
        { [], [] },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(EmptyRequests))]
    public void An_empty_request_is_refused(string?[]? names, string?[]? ips)
    {
        var error = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse(names, ips));
        Assert.Equal("names-empty", error.Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_entry_is_refused(string? entry)
    {
        Assert.Equal("name-empty", Assert.Throws<KalypsoValidationException>(() => NameParser.Parse(["ok.test", entry])).Rule);
        var inIps = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse(["ok.test"], [entry]));
        Assert.Equal("name-empty", inIps.Rule);
        Assert.Equal("ip_addresses", inIps.Field);
    }

    [Fact]
    public void At_most_100_names_per_certificate()
    {
        var hundred = Enumerable.Range(0, 100).Select(i => $"host{i}.test").ToArray();
        Assert.Equal(100, NameParser.Parse(hundred).DnsNames.Count);
        var error = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse([.. hundred, "one-more.test"]));
        Assert.Equal("too-many-names", error.Rule);
        Assert.Contains("100", error.Message);
    }

    [Fact]
    public void A_long_offending_input_is_shortened_in_the_message()
    {
        var input = new string('x', 40) + "." + new string('y', 40) + ".a_b." + new string('z', 20) + ".test";
        var error = Assert.Throws<KalypsoValidationException>(() => NameParser.Parse([input]));
        Assert.Equal("dns-character", error.Rule);
        Assert.Contains($"'{input[..77]}...'", error.Message);
        Assert.DoesNotContain(input, error.Message);
    }
}
