using Kalypso.Core.Authority;
using Kalypso.Core.Store;

namespace Kalypso.Core;

/// <summary>
/// The one way every door (CLI, HTTP service, Aspire integration) issues a certificate: the CA
/// signs it and the store's audit log records it, so every issuance lands in the same log.
/// </summary>
/// <param name="authority">The CA that signs.</param>
/// <param name="auditLog">The log that records.</param>
public sealed class CertificateIssuer(CertificateAuthority authority, AuditLog auditLog)
{
    /// <summary>The CA that signs.</summary>
    public CertificateAuthority Authority { get; } = authority;

    /// <summary>The log that records.</summary>
    public AuditLog AuditLog { get; } = auditLog;

    /// <summary>Issues a leaf and records it in the audit log.</summary>
    /// <param name="request">What to issue.</param>
    /// <returns>The certificate and its key.</returns>
    /// <exception cref="KalypsoValidationException">The request breaks a rule.</exception>
    /// <exception cref="KalypsoException">The CA cannot issue (expired).</exception>
    public IssuedCertificate Issue(LeafRequest request)
    {
        var issued = Authority.Issue(request);
        AuditLog.Append(new AuditEntry(
            Authority.Time.GetUtcNow(),
            issued.SerialNumber,
            [.. issued.Names.All],
            issued.NotAfter,
            issued.Fingerprint,
            request.Requester));
        return issued;
    }
}
