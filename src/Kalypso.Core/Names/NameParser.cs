using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kalypso.Core.Names;

/// <summary>
/// Turns the names a caller asks for into <see cref="CertificateNames"/>, or refuses with an
/// error that names the offending input and the rule it broke. The one place that decides what a
/// Kalypso certificate may cover.
/// </summary>
public static class NameParser
{
    /// <summary>The most names one certificate may carry.</summary>
    public const int MaxNames = 100;

    /// <summary>The longest DNS name, in ASCII characters, without a trailing dot.</summary>
    public const int MaxDnsNameLength = 253;

    /// <summary>The longest DNS label.</summary>
    public const int MaxLabelLength = 63;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Validates and normalises a request's names.</summary>
    /// <param name="names">DNS names; an entry that is an IPv4 or IPv6 literal is taken as an IP address.</param>
    /// <param name="ipAddresses">IP address literals, if any.</param>
    /// <param name="allowWildcards">Whether a wildcard is allowed as the whole leftmost label.</param>
    /// <returns>The validated names.</returns>
    /// <exception cref="KalypsoValidationException">A name breaks a rule, or no name was given.</exception>
    public static CertificateNames Parse(IEnumerable<string?>? names, IEnumerable<string?>? ipAddresses = null, bool allowWildcards = false)
    {
        var dns = new List<string>();
        var ips = new List<IPAddress>();
        string? first = null;

        foreach (var raw in names ?? [])
        {
            var input = Require(raw, "domains");
            if (TryParseIpLiteral(input, out var ip))
            {
                var added = AddIp(ips, ip);
                first ??= added;
            }
            else
            {
                var name = ParseDnsName(input, allowWildcards);
                if (!dns.Contains(name)) dns.Add(name);
                first ??= name;
            }
            CheckCount(dns.Count + ips.Count);
        }

        foreach (var raw in ipAddresses ?? [])
        {
            var input = Require(raw, "ip_addresses");
            if (!TryParseIpLiteral(input, out var ip))
            {
                throw new KalypsoValidationException("ip_addresses", "ip-invalid",
                    $"'{Shorten(input)}' is not an IPv4 or IPv6 address literal (such as 127.0.0.1 or ::1).");
            }
            var added = AddIp(ips, ip);
            first ??= added;
            CheckCount(dns.Count + ips.Count);
        }

        if (first is null)
        {
            throw new KalypsoValidationException("domains", "names-empty",
                "At least one DNS name or IP address is required.");
        }

        return new CertificateNames(dns, ips, first);
    }

    /// <summary>Validates one DNS name and returns its ASCII, lower-case form.</summary>
    /// <param name="input">The name as given; internationalised names are converted to their ASCII (punycode) form.</param>
    /// <param name="allowWildcards">Whether a wildcard is allowed as the whole leftmost label.</param>
    /// <returns>The normalised name.</returns>
    /// <exception cref="KalypsoValidationException">The name breaks a rule.</exception>
    public static string ParseDnsName(string input, bool allowWildcards)
    {
        var name = input.Trim();
        if (name.EndsWith('.')) name = name[..^1];
        if (name.Length == 0) throw Invalid(input, "dns-empty", "is empty");

        var wildcard = false;
        if (name.Contains('*'))
        {
            if (name == "*") throw Invalid(input, "wildcard-alone", "is a bare wildcard, which would cover every name");
            if (!name.StartsWith("*.", StringComparison.Ordinal) || name.IndexOf('*', 1) >= 0)
            {
                throw Invalid(input, "wildcard-position", "has a wildcard that is not the whole leftmost label (only '*.example.test' is allowed)");
            }
            if (!allowWildcards) throw Invalid(input, "wildcard-not-allowed", "is a wildcard, and wildcards were not asked for");
            wildcard = true;
            name = name[2..];
        }

        var ascii = ToAscii(input, name).ToLowerInvariant();
        if (ascii.Length > MaxDnsNameLength - (wildcard ? 2 : 0))
        {
            throw Invalid(input, "dns-name-length", $"is longer than {MaxDnsNameLength} characters");
        }

        var labels = ascii.Split('.');
        foreach (var label in labels) CheckLabel(input, label);

        if (labels[^1].All(char.IsAsciiDigit))
        {
            throw Invalid(input, "dns-numeric-tld", "ends in an all-numeric label, so it is neither a valid host name nor an IP address");
        }
        if (wildcard && labels.Length < 2)
        {
            throw Invalid(input, "wildcard-tld", "is a wildcard directly under a top-level name, which would cover a whole domain space");
        }

        return wildcard ? "*." + ascii : ascii;
    }

    /// <summary>Parses a strict IPv4 dotted-quad or IPv6 literal, without a scope or port.</summary>
    /// <param name="input">The text to parse.</param>
    /// <param name="address">The address, when the text is one.</param>
    /// <returns>Whether the text is an IP literal.</returns>
    public static bool TryParseIpLiteral(string input, out IPAddress address)
    {
        address = IPAddress.None;
        var text = input.Trim();
        if (text.StartsWith('[') && text.EndsWith(']')) text = text[1..^1];

        if (text.Contains(':'))
        {
            if (text.Contains('%') || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6) return false;
            address = v6;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            var value = int.Parse(part, CultureInfo.InvariantCulture);
            if (value > 255) return false;
            bytes[i] = (byte)value;
        }
        address = new IPAddress(bytes);
        return true;
    }

    private static string Require(string? raw, string field)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new KalypsoValidationException(field, "name-empty", $"An entry in '{field}' is empty.");
        }
        return raw;
    }

    private static string AddIp(List<IPAddress> ips, IPAddress ip)
    {
        if (!ips.Contains(ip)) ips.Add(ip);
        return ip.ToString();
    }

    private static void CheckCount(int count)
    {
        if (count > MaxNames)
        {
            throw new KalypsoValidationException("domains", "too-many-names",
                $"A certificate may cover at most {MaxNames} names.");
        }
    }

    private static string ToAscii(string input, string name)
    {
        if (name.All(char.IsAscii)) return name;
        // IDNA mapping silently drops invisible format characters (zero-width space, joiners, bidi
        // controls), so "pay\u200Bpal.test" would become "paypal.test": refuse them instead.
        if (name.Any(c => char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            throw Invalid(input, "idn-invisible", "contains an invisible formatting character (such as a zero-width space)");
        }
        try
        {
            return Idn.GetAscii(name);
        }
        catch (ArgumentException)
        {
            throw Invalid(input, "idn-invalid", "is not a valid internationalised domain name");
        }
    }

    private static void CheckLabel(string input, string label)
    {
        if (label.Length == 0) throw Invalid(input, "dns-label-empty", "has an empty label (two dots in a row, or a leading dot)");
        if (label.Length > MaxLabelLength) throw Invalid(input, "dns-label-length", $"has a label longer than {MaxLabelLength} characters");
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                throw Invalid(input, "dns-character", $"contains '{c}'; a DNS label may hold only letters, digits and hyphens");
            }
        }
        if (label[0] == '-' || label[^1] == '-') throw Invalid(input, "dns-hyphen", "has a label that starts or ends with a hyphen");
    }

    private static KalypsoValidationException Invalid(string input, string rule, string what) =>
        new("domains", rule, $"'{Shorten(input)}' {what}.");

    private static string Shorten(string input) => input.Length <= 80 ? input : input[..77] + "...";
}
