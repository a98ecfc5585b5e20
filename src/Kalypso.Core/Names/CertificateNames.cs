using System.Net;

namespace Kalypso.Core.Names;

/// <summary>
/// The validated names one leaf certificate covers: exactly these go into its subjectAltName,
/// and the first name requested becomes its subject common name.
/// </summary>
/// <param name="DnsNames">DNS names in their ASCII (IDNA) form, lower case, duplicates folded, in request order.</param>
/// <param name="IpAddresses">IP addresses, duplicates folded, in request order.</param>
/// <param name="CommonName">The first name requested, in the form it takes in the SAN list.</param>
public sealed record CertificateNames(IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> IpAddresses, string CommonName)
{
    /// <summary>Every name as text: DNS names first, then IP addresses.</summary>
    public IEnumerable<string> All => DnsNames.Concat(IpAddresses.Select(ip => ip.ToString()));
}
