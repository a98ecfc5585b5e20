using System.Diagnostics;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Store;

namespace Kalypso.Benchmarks;

/// <summary>
/// The raw in-process issuance rate the HTTP service is compared with: N threads issuing through
/// <see cref="CertificateIssuer"/> (pool, audit log, PEM exports: everything but HTTP) for a fixed time.
/// </summary>
internal static class IssuanceRate
{
    public static void Run(int threads, TimeSpan duration, int poolSize)
    {
        var folder = Directory.CreateTempSubdirectory("kalypso-rate-").FullName;
        try
        {
            var store = CaStore.Open(folder);
            using var ca = store.Create();
            using var pool = poolSize > 0 ? new LeafKeyPool(poolSize) : null;
            if (pool is not null)
            {
                ca.LeafKeys = pool;
                pool.WaitUntilFullAsync(TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
            }
            var issuer = new CertificateIssuer(ca, store.AuditLog);
            var request = new LeafRequest(NameParser.Parse(["localhost", "bench.localhost"], ["127.0.0.1"])) { Requester = "rate" };
            var count = 0L;
            var stop = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                while (stop.Elapsed < duration)
                {
                    using var issued = issuer.Issue(request);
                    _ = issued.CertificatePem.Length + issued.PrivateKeyPem.Length;
                    Interlocked.Increment(ref count);
                }
            })).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());
            var seconds = stop.Elapsed.TotalSeconds;
            Console.WriteLine($"raw in-process issuance: {count} certificates in {seconds:F1} s on {threads} threads = {count / seconds:F0}/s");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
