using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Store;

namespace Kalypso.Cli;

/// <summary>
/// The leaf <c>trust</c> checks each store with: issued for <c>localhost</c> for the shortest
/// lifetime allowed, through the issuer like every other certificate so the audit log records it.
/// </summary>
internal static class VerificationLeaf
{
    public static Func<IssuedCertificate> From(CertificateAuthority ca, CaStore store, string command) => () =>
        new CertificateIssuer(ca, store.AuditLog).Issue(LeafRequest.For("localhost", "127.0.0.1") with
        {
            Lifetime = LeafLifetime.Minimum,
            Requester = $"kalypso {command} (trust check)",
        });
}
