using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Store;

namespace Kalypso.Benchmarks;

/// <summary>
/// One certificate through Core (fresh key, pooled key, and the service's whole path with the
/// audit log and PEM exports) beside the raw BCL cost of a P-384 key plus a signed certificate.
/// </summary>
[MemoryDiagnoser]
public class IssuanceBenchmarks
{
    private CertificateAuthority _fresh = null!;
    private CertificateAuthority _pooled = null!;
    private LeafKeyPool _pool = null!;
    private CertificateIssuer _issuer = null!;
    private ECDsa _rootKey = null!;
    private X509SignatureGenerator _rootSigner = null!;
    private X500DistinguishedName _rootName = null!;
    private ECDsa _reusedLeafKey = null!;
    private LeafRequest _request = null!;
    private string _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("kalypso-bench-").FullName;
        var store = CaStore.Open(_folder);
        _fresh = store.Create();
        _pooled = store.Load().Authority;
        _pool = new LeafKeyPool(4096);
        _pooled.LeafKeys = _pool;
        _issuer = new CertificateIssuer(_pooled, store.AuditLog);
        // A P-384 signing key like the root's: the signature costs the same.
        _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        _rootSigner = X509SignatureGenerator.CreateForECDsa(_rootKey);
        _rootName = _fresh.Certificate.SubjectName;
        _reusedLeafKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        _request = new LeafRequest(NameParser.Parse(["localhost", "bench.localhost"], ["127.0.0.1"])) { Requester = "benchmark" };
        _pool.WaitUntilFullAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.Dispose();
        _fresh.Dispose();
        _pooled.Dispose();
        _rootKey.Dispose();
        _reusedLeafKey.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The BCL floor for one certificate with its own key: ECDsa.Create(nistP384) + CertificateRequest.Create.</summary>
    [Benchmark(Baseline = true)]
    public X509Certificate2 RawKeyPlusCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return RawCertificate(key);
    }

    /// <summary>The BCL floor when the key already exists: one signature.</summary>
    [Benchmark]
    public X509Certificate2 RawCertificateOnly() => RawCertificate(_reusedLeafKey);

    /// <summary>Just the key generation.</summary>
    [Benchmark]
    public void RawKeyOnly()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        key.ExportParameters(false);
    }

    /// <summary>Core, generating the leaf key on the spot.</summary>
    [Benchmark]
    public void CoreFreshKey()
    {
        using var issued = _fresh.Issue(_request);
    }

    /// <summary>Core, taking the leaf key from a full pool (the background refill runs on the other core).</summary>
    [Benchmark]
    public void CorePooledKey()
    {
        if (_pool.Ready < 64) _pool.WaitUntilFullAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        using var issued = _pooled.Issue(_request);
    }

    /// <summary>What the HTTP service does per request besides HTTP: pooled issue, audit log line, PEM exports.</summary>
    [Benchmark]
    public int ServicePathPooledKey()
    {
        if (_pool.Ready < 64) _pool.WaitUntilFullAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        using var issued = _issuer.Issue(_request);
        return issued.CertificatePem.Length + issued.PrivateKeyPem.Length + issued.Fingerprint.Length;
    }

    private X509Certificate2 RawCertificate(ECDsa key)
    {
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA384);
        var now = DateTimeOffset.UtcNow;
        return request.Create(_rootName, _rootSigner, now.AddMinutes(-5), now.AddHours(24), SerialNumbers.Next());
    }
}
