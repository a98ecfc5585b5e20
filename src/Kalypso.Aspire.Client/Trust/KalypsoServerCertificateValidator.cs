using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Aspire.Client.Trust;

/// <summary>
/// Validates a TLS server's certificate the way the platform does, and when the platform refuses
/// it only because its chain does not end at a root the system trusts, builds the chain again with
/// the Kalypso root as a custom trust root. A name mismatch or a missing certificate is never
/// forgiven, and the second chain checks validity dates and the serverAuth usage like the first.
/// </summary>
/// <param name="roots">The Kalypso roots.</param>
/// <param name="time">The clock the second chain is checked at.</param>
public sealed class KalypsoServerCertificateValidator(KalypsoRootCertificates roots, TimeProvider time)
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>Decides whether a server certificate is acceptable.</summary>
    /// <param name="certificate">The server's certificate.</param>
    /// <param name="chain">The chain the platform built, whose extra certificates are reused.</param>
    /// <param name="errors">What the platform's own validation found.</param>
    /// <returns>Whether to go on with the connection.</returns>
    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;

        var trusted = roots.Current;
        if (trusted.Count == 0) return false;

        using var leaf = certificate as X509Certificate2 is { } typed
            ? X509CertificateLoader.LoadCertificate(typed.RawData)
            : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        custom.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        custom.ChainPolicy.VerificationTimeIgnored = false;
        if (chain is not null)
        {
            // Intermediates the server sent; the trust anchor still has to be a Kalypso root.
            foreach (var element in chain.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(leaf);
    }

    /// <summary>The callback shape <see cref="SslClientAuthenticationOptions"/> takes.</summary>
    /// <returns>The callback.</returns>
    public RemoteCertificateValidationCallback AsCallback() =>
        (_, certificate, chain, errors) => Validate(certificate, chain, errors);
}
