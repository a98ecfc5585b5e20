using System.Net;
using Kalypso.Core.Names;

namespace Kalypso.Core.Profiles;

/// <summary>
/// The names a name-constrained root may vouch for: a root carrying these X.509 name constraints
/// cannot be used to impersonate a public site even if its key leaks, because clients that check
/// name constraints refuse any leaf outside them.
/// </summary>
public sealed class NameConstraintPolicy
{
    /// <summary>
    /// The development-only names every constrained root permits: <c>localhost</c> and the
    /// special-use and private top-level names (<c>test</c>, <c>example</c>, <c>invalid</c>,
    /// <c>internal</c>, <c>local</c>, <c>home.arpa</c>), each with all names below it.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultDnsNames = ["localhost", "test", "example", "invalid", "internal", "local", "home.arpa"];

    /// <summary>
    /// The address ranges every constrained root permits: loopback (127.0.0.0/8, ::1), the
    /// private IPv4 ranges (10/8, 172.16/12, 192.168/16), link-local and unique-local IPv6.
    /// </summary>
    public static readonly IReadOnlyList<IPNetwork> DefaultNetworks =
    [
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
    ];

    /// <summary>Creates a policy from explicit lists (no defaults are added).</summary>
    /// <param name="dnsNames">Permitted DNS subtrees, in ASCII lower case, without a leading dot.</param>
    /// <param name="networks">Permitted address ranges.</param>
    public NameConstraintPolicy(IEnumerable<string> dnsNames, IEnumerable<IPNetwork> networks)
    {
        DnsNames = dnsNames.Distinct(StringComparer.Ordinal).ToArray();
        Networks = networks.Distinct().ToArray();
    }

    /// <summary>Permitted DNS subtrees: each permits itself and every name below it.</summary>
    public IReadOnlyList<string> DnsNames { get; }

    /// <summary>Permitted address ranges.</summary>
    public IReadOnlyList<IPNetwork> Networks { get; }

    /// <summary>
    /// The default development set plus what the user permits: DNS names (a leading dot is
    /// ignored), IP addresses and CIDR ranges such as <c>10.1.0.0/16</c>.
    /// </summary>
    /// <param name="permits">The user's extra permitted names and ranges.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="KalypsoValidationException">An entry is neither a DNS name nor an address or range.</exception>
    public static NameConstraintPolicy WithDefaults(IEnumerable<string>? permits = null)
    {
        var dns = new List<string>(DefaultDnsNames);
        var networks = new List<IPNetwork>(DefaultNetworks);
        foreach (var permit in permits ?? [])
        {
            var text = permit.Trim();
            if (NameParser.TryParseIpLiteral(text, out var ip))
            {
                networks.Add(new IPNetwork(ip, ip.GetAddressBytes().Length * 8));
            }
            else if (text.Contains('/'))
            {
                if (!IPNetwork.TryParse(text, out var network))
                {
                    throw new KalypsoValidationException("permit", "permit-invalid", $"'{text}' is not a valid address range (such as 10.1.0.0/16).");
                }
                networks.Add(network);
            }
            else
            {
                try
                {
                    dns.Add(NameParser.ParseDnsName(text.TrimStart('.'), allowWildcards: false));
                }
                catch (KalypsoValidationException e)
                {
                    throw new KalypsoValidationException("permit", e.Rule, e.Message);
                }
            }
        }
        return new NameConstraintPolicy(dns, networks);
    }

    /// <summary>Whether every name in <paramref name="names"/> falls inside this policy.</summary>
    /// <param name="names">The names to check.</param>
    /// <param name="outside">The first name that does not, if any.</param>
    /// <returns>Whether all names are permitted.</returns>
    public bool Permits(CertificateNames names, out string? outside)
    {
        foreach (var dns in names.DnsNames)
        {
            var name = dns.StartsWith("*.", StringComparison.Ordinal) ? dns[2..] : dns;
            if (!DnsNames.Any(permitted => name == permitted || name.EndsWith("." + permitted, StringComparison.Ordinal)))
            {
                outside = dns;
                return false;
            }
        }
        foreach (var ip in names.IpAddresses)
        {
            if (!Networks.Any(n => n.Contains(ip)))
            {
                outside = ip.ToString();
                return false;
            }
        }
        outside = null;
        return true;
    }
}
