using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Core.Trust;

/// <summary>Reads the PEM bundles OpenSSL-based clients trust (such as <c>/etc/ssl/certs/ca-certificates.crt</c>).</summary>
public static class PemBundle
{
    /// <summary>Whether a bundle file holds a certificate, compared byte for byte.</summary>
    /// <param name="bundlePath">The bundle.</param>
    /// <param name="certificate">The certificate to look for.</param>
    /// <returns>Whether it is in the bundle; <see langword="false"/> when the bundle does not exist.</returns>
    public static bool Contains(string bundlePath, X509Certificate2 certificate)
    {
        if (!File.Exists(bundlePath)) return false;
        var text = File.ReadAllText(bundlePath);
        foreach (var range in Blocks(text))
        {
            var block = text.AsSpan(range.Start, range.Length);
            if (PemEncoding.TryFind(block, out var fields)
                && block[fields.Label].SequenceEqual("CERTIFICATE")
                && Convert.FromBase64String(block[fields.Base64Data].ToString()).AsSpan().SequenceEqual(certificate.RawData))
            {
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<(int Start, int Length)> Blocks(string text)
    {
        const string end = "-----END CERTIFICATE-----";
        var start = 0;
        while (true)
        {
            var begin = text.IndexOf("-----BEGIN CERTIFICATE-----", start, StringComparison.Ordinal);
            if (begin < 0) yield break;
            var stop = text.IndexOf(end, begin, StringComparison.Ordinal);
            if (stop < 0) yield break;
            yield return (begin, stop + end.Length - begin);
            start = stop + end.Length;
        }
    }
}
