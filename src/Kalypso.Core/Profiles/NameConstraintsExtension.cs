using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Core.Profiles;

/// <summary>
/// Encodes and decodes the X.509 NameConstraints extension (RFC 5280 §4.2.1.10), which the BCL
/// has no type for. Only permitted subtrees of dNSName and iPAddress are written or read.
/// </summary>
public static class NameConstraintsExtension
{
    /// <summary>The extension's OID, 2.5.29.30.</summary>
    public const string Oid = "2.5.29.30";

    private static readonly Asn1Tag Permitted = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag IpAddressTag = new(TagClass.ContextSpecific, 7);

    /// <summary>Builds the critical extension for a policy.</summary>
    /// <param name="policy">The permitted names.</param>
    /// <returns>The extension.</returns>
    public static X509Extension Create(NameConstraintPolicy policy)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence(Permitted))
        {
            foreach (var name in policy.DnsNames)
            {
                using (writer.PushSequence())
                {
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, name, DnsNameTag);
                }
            }
            foreach (var network in policy.Networks)
            {
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(AddressAndMask(network), IpAddressTag);
                }
            }
        }
        return new X509Extension(Oid, writer.Encode(), critical: true);
    }

    /// <summary>Reads the permitted subtrees from a certificate, if it carries name constraints.</summary>
    /// <param name="certificate">The certificate to read.</param>
    /// <returns>The policy, or <see langword="null"/> when the certificate has no name constraints.</returns>
    public static NameConstraintPolicy? Read(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[Oid];
        if (extension is null) return null;

        var dns = new List<string>();
        var networks = new List<IPNetwork>();
        var outer = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        if (outer.HasData && outer.PeekTag().HasSameClassAndValue(Permitted))
        {
            var subtrees = outer.ReadSequence(Permitted);
            while (subtrees.HasData)
            {
                var subtree = subtrees.ReadSequence();
                var tag = subtree.PeekTag();
                if (tag.HasSameClassAndValue(DnsNameTag))
                {
                    dns.Add(subtree.ReadCharacterString(UniversalTagNumber.IA5String, DnsNameTag).TrimStart('.').ToLowerInvariant());
                }
                else if (tag.HasSameClassAndValue(IpAddressTag))
                {
                    networks.Add(FromAddressAndMask(subtree.ReadOctetString(IpAddressTag)));
                }
                // Other name forms (directoryName, email, URI) do not constrain what Kalypso issues.
            }
        }
        return new NameConstraintPolicy(dns, networks);
    }

    private static byte[] AddressAndMask(IPNetwork network)
    {
        var address = network.BaseAddress.GetAddressBytes();
        var mask = new byte[address.Length];
        for (var bit = 0; bit < network.PrefixLength; bit++) mask[bit / 8] |= (byte)(0x80 >> (bit % 8));
        return [.. address, .. mask];
    }

    private static IPNetwork FromAddressAndMask(byte[] bytes)
    {
        var half = bytes.Length / 2;
        var prefix = 0;
        for (var i = half; i < bytes.Length; i++) prefix += System.Numerics.BitOperations.PopCount(bytes[i]);
        return new IPNetwork(new IPAddress(bytes.AsSpan(0, half)), prefix);
    }
}
