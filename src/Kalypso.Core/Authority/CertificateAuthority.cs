using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Profiles;

namespace Kalypso.Core.Authority;

/// <summary>
/// A root certificate with its key, which issues leaf certificates through
/// <see cref="LeafProfile"/>. Safe to issue from many threads at once.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _rootWithKey;
    private readonly X509SubjectKeyIdentifierExtension _keyIdentifier;
    private readonly ConcurrentBag<X509SignatureGenerator> _signers = [];
    private readonly ConcurrentBag<IDisposable> _signerKeys = [];
    private readonly TimeProvider _time;

    private CertificateAuthority(X509Certificate2 rootWithKey, TimeProvider time)
    {
        _rootWithKey = rootWithKey;
        _time = time;
        Certificate = X509CertificateLoader.LoadCertificate(rootWithKey.RawData);
        CertificatePem = Certificate.ExportCertificatePem();
        Fingerprint = Fingerprints.Sha256(Certificate);
        NameConstraints = NameConstraintsExtension.Read(Certificate);
        _keyIdentifier = Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()
            ?? new X509SubjectKeyIdentifierExtension(Certificate.PublicKey, critical: false);
    }

    /// <summary>The root certificate, without its key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The root certificate, PEM.</summary>
    public string CertificatePem { get; }

    /// <summary>The root's SHA-256 fingerprint.</summary>
    public string Fingerprint { get; }

    /// <summary>The names the root is constrained to, or <see langword="null"/> when it has no name constraints.</summary>
    public NameConstraintPolicy? NameConstraints { get; }

    /// <summary>When the root stops being valid.</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>When the root became valid.</summary>
    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>Where leaf keys come from; fresh keys by default, a <see cref="LeafKeyPool"/> for a busy service.</summary>
    public ILeafKeySource LeafKeys { get; set; } = FreshLeafKeys.Instance;

    /// <summary>The clock this CA reads.</summary>
    public TimeProvider Time => _time;

    /// <summary>Whether the root has expired by this CA's clock.</summary>
    public bool IsExpired => _time.GetUtcNow() >= NotAfter;

    /// <summary>Creates a new root: ECDSA P-384, SHA-384, by <see cref="RootProfile"/>.</summary>
    /// <param name="options">The root's organization, lifetime and name constraints.</param>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <returns>The new CA.</returns>
    public static CertificateAuthority Create(RootOptions? options = null, TimeProvider? time = null)
    {
        options ??= new RootOptions();
        time ??= TimeProvider.System;
        if (string.IsNullOrWhiteSpace(options.Organization))
        {
            throw new KalypsoValidationException("organization", "organization-empty", "The CA's organization name must not be empty.");
        }
        if (options.Lifetime < TimeSpan.FromDays(1) || options.Lifetime > TimeSpan.FromDays(36500))
        {
            throw new KalypsoValidationException("days", "root-lifetime-bounds", "A root lives at least 1 day and at most 36500 days (100 years).");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest(RootProfile.Subject(options.Organization.Trim()), key, HashAlgorithmName.SHA384);
        RootProfile.Apply(request, options.NameConstraints ? NameConstraintPolicy.WithDefaults(options.Permitted) : null);

        var now = Truncate(time.GetUtcNow());
        var notBefore = now - LeafLifetime.BackdateForClockSkew;
        using var self = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), notBefore, now + options.Lifetime, SerialNumbers.Next());
        return new CertificateAuthority(self.CopyWithPrivateKey(key), time);
    }

    /// <summary>
    /// Loads a CA from its certificate and unencrypted key (EC or RSA, PEM). Used both for
    /// Kalypso's own store and to import an existing CA such as an mkcert root.
    /// </summary>
    /// <param name="certificatePem">The root certificate, PEM.</param>
    /// <param name="keyPem">Its private key: PKCS#8, SEC1 or PKCS#1 PEM.</param>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <returns>The CA.</returns>
    /// <exception cref="KalypsoException">The certificate is not a CA, may not sign certificates, or the key does not match it.</exception>
    public static CertificateAuthority FromPem(string certificatePem, string keyPem, TimeProvider? time = null)
    {
        var root = CaKeyImport.Read(certificatePem, keyPem);
        var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is null || !constraints.CertificateAuthority)
        {
            root.Dispose();
            throw new KalypsoException("The certificate is not a CA: it lacks basicConstraints CA=TRUE, so it cannot sign certificates.");
        }
        var usage = root.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            root.Dispose();
            throw new KalypsoException("The CA certificate's keyUsage lacks keyCertSign, so it may not sign certificates.");
        }
        return new CertificateAuthority(root, time ?? TimeProvider.System);
    }

    /// <summary>Issues a leaf by <see cref="LeafProfile"/>.</summary>
    /// <param name="request">The names, lifetime and key algorithm.</param>
    /// <returns>The certificate and its key.</returns>
    /// <exception cref="KalypsoValidationException">The lifetime is out of bounds, or a name lies outside the root's name constraints.</exception>
    /// <exception cref="KalypsoException">The root has expired or would expire before the leaf.</exception>
    public IssuedCertificate Issue(LeafRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var lifetime = LeafLifetime.Validate(request.Lifetime);
        if (NameConstraints is not null && !NameConstraints.Permits(request.Names, out var outside))
        {
            throw new KalypsoValidationException("domains", "name-constraints",
                $"'{outside}' is outside the names this CA's name constraints permit ({string.Join(", ", NameConstraints.DnsNames)} and private address ranges).");
        }

        var now = Truncate(_time.GetUtcNow());
        if (now >= NotAfter)
        {
            throw new KalypsoException($"The CA expired at {NotAfter:u}. Create a new one with 'kalypso rotate'.");
        }
        var notAfter = now + lifetime;
        if (notAfter > NotAfter)
        {
            throw new KalypsoException($"The CA expires at {NotAfter:u}, before a certificate issued now for {LeafLifetime.Describe(lifetime)} would. Create a new CA with 'kalypso rotate'.");
        }
        var notBefore = now - LeafLifetime.BackdateForClockSkew;
        if (notBefore < NotBefore) notBefore = NotBefore;

        var key = LeafKeys.Take(request.KeyAlgorithm);
        try
        {
            var constrained = NameConstraints is not null;
            var leafRequest = new CertificateRequest(LeafProfile.Subject(request.Names, constrained), key, HashAlgorithmName.SHA384);
            LeafProfile.Apply(leafRequest, request.Names, _keyIdentifier, constrained);

            var signer = RentSigner();
            try
            {
                var certificate = leafRequest.Create(Certificate.SubjectName, signer, notBefore, notAfter, SerialNumbers.Next());
                return new IssuedCertificate(certificate, key, request.Names, CertificatePem);
            }
            finally
            {
                _signers.Add(signer);
            }
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The root's private key as unencrypted PKCS#8 PEM, for the store to write to its 0600 file and nowhere else.</summary>
    /// <returns>The PEM text.</returns>
    public string ExportPrivateKeyPem()
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)_rootWithKey.GetECDsaPrivateKey() ?? _rootWithKey.GetRSAPrivateKey()
            ?? throw new KalypsoException("The CA key is neither an EC nor an RSA key.");
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Disposes the root and its key.</summary>
    public void Dispose()
    {
        _rootWithKey.Dispose();
        Certificate.Dispose();
        foreach (var key in _signerKeys) key.Dispose();
    }

    // A signature generator per concurrent caller: an asymmetric key object is not documented as
    // safe for concurrent use, and cloning the key once per thread beats a lock on a 2-core box.
    private X509SignatureGenerator RentSigner()
    {
        if (_signers.TryTake(out var signer)) return signer;
        var ec = _rootWithKey.GetECDsaPrivateKey();
        if (ec is not null)
        {
            _signerKeys.Add(ec);
            return X509SignatureGenerator.CreateForECDsa(ec);
        }
        var rsa = _rootWithKey.GetRSAPrivateKey() ?? throw new KalypsoException("The CA key is neither an EC nor an RSA key.");
        _signerKeys.Add(rsa);
        return X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1);
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
