using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// How the AppHost's own HTTP clients (health checks, <c>CreateHttpClient</c> in tests) accept
/// a Kalypso certificate without the root being installed anywhere: a certificate the OS
/// already trusts passes as before; one that fails only on its chain passes if its chain builds
/// to a Kalypso root. Name mismatches and missing certificates always fail.
/// </summary>
internal static class KalypsoServerCertificateValidation
{
    public static bool Validate(IEnumerable<X509Certificate2> roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        foreach (var root in roots)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            if (presented is not null)
            {
                foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
            if (chain.Build(leaf)) return true;
        }
        return false;
    }
}
