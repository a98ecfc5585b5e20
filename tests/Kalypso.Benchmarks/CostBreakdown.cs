using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Store;

namespace Kalypso.Benchmarks;

/// <summary>
/// Where one issuance's time goes, phase by phase, single-threaded: a stopwatch profile of the
/// steps the service takes per request, so costs that are ours can be told from OpenSSL's.
/// </summary>
internal static class CostBreakdown
{
    public static void Run(int iterations)
    {
        var folder = Directory.CreateTempSubdirectory("kalypso-profile-").FullName;
        try
        {
            var store = CaStore.Open(folder);
            using var ca = store.Create();
            var names = new[] { "localhost", "bench.localhost" };
            var ips = new[] { "127.0.0.1" };
            var phases = new Dictionary<string, TimeSpan>();
            void Time(string phase, Action action)
            {
                var start = Stopwatch.GetTimestamp();
                action();
                phases[phase] = phases.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(start);
            }

            for (var i = 0; i < iterations + 50; i++)
            {
                if (i == 50) phases.Clear(); // warm-up done
                CertificateNames parsed = null!;
                ECDsa key = null!;
                IssuedCertificate issued = null!;
                Time("parse names", () => parsed = NameParser.Parse(names, ips, allowWildcards: true));
                Time("generate P-384 key", () => key = ECDsa.Create(ECCurve.NamedCurves.nistP384));
                var keys = new OneKey(key);
                ca.LeafKeys = keys;
                Time("Core Issue (sign + build, key ready)", () => issued = ca.Issue(new LeafRequest(parsed)));
                Time("audit log append", () => store.AuditLog.Append(new AuditEntry(DateTimeOffset.UtcNow, issued.SerialNumber, [.. issued.Names.All], issued.NotAfter, issued.Fingerprint, "profile")));
                Time("certificate PEM", () => _ = issued.CertificatePem);
                Time("private key PKCS#8 PEM", () => _ = issued.PrivateKeyPem);
                Time("fingerprint", () => _ = Fingerprints.Sha256(issued.Certificate));
                issued.Dispose();
            }

            var total = phases.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
            Console.WriteLine($"cost breakdown over {iterations} issuances (single thread), per certificate:");
            foreach (var (phase, time) in phases.OrderByDescending(p => p.Value))
            {
                Console.WriteLine($"  {phase,-40} {time.TotalMilliseconds * 1000 / iterations,8:F0} us  {time / total,6:P1}");
            }
            Console.WriteLine($"  {"total",-40} {total.TotalMilliseconds * 1000 / iterations,8:F0} us");

            // The signature alone, for comparison with the Core Issue line above.
            using var reused = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var signer = X509SignatureGenerator.CreateForECDsa(rootKey);
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations; i++)
            {
                var request = new CertificateRequest("CN=localhost", reused, HashAlgorithmName.SHA384);
                using var c = request.Create(ca.Certificate.SubjectName, signer, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1), SerialNumbers.Next());
            }
            Console.WriteLine($"  {"(raw CertificateRequest.Create, no extensions)",-40} {Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1000 / iterations,8:F0} us");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class OneKey(ECDsa key) : ILeafKeySource
    {
        public ECDsa Take(LeafKeyAlgorithm algorithm) => key;
    }
}
