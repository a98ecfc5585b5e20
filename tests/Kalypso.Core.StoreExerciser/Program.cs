// Drives a CaStore from its own process, so the Core tests can exercise what only several
// processes (or a killed one) can show: audit-log appends racing across processes, and a CA
// replacement interrupted by SIGKILL at an arbitrary instruction.
//
//   issue <store-dir> <count> <requester>   issue <count> P-256 leaves through CertificateIssuer
//   replace <store-dir>                     replace the CA forever (until killed)
//   create <store-dir>                      create a CA and issue one leaf (for umask tests)
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Store;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: issue <dir> <count> <requester> | replace <dir> | create <dir>");
    return 2;
}

var store = CaStore.Open(args[1]);
try
{
    switch (args[0])
    {
        case "issue":
            return Issue(store, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
        case "replace":
            return Replace(store);
        case "create":
            using (var ca = store.Create())
            {
                new CertificateIssuer(ca, store.AuditLog).Issue(LeafRequest.For("created.test") with { Requester = "create" }).Dispose();
            }
            Console.WriteLine("created");
            return 0;
        default:
            Console.Error.WriteLine($"unknown mode '{args[0]}'");
            return 2;
    }
}
catch (KalypsoException e)
{
    Console.Error.WriteLine("kalypso: " + e.Message);
    return 1;
}

static int Issue(CaStore store, int count, string requester)
{
    using var ca = store.Load().Authority;
    var issuer = new CertificateIssuer(ca, store.AuditLog);
    // Wait for the go signal on stdin so every process starts issuing at the same moment.
    Console.WriteLine("ready");
    Console.In.ReadLine();
    for (var i = 0; i < count; i++)
    {
        var request = LeafRequest.For($"svc{i}.{requester}.test") with { Requester = requester, KeyAlgorithm = LeafKeyAlgorithm.EcdsaP256 };
        issuer.Issue(request).Dispose();
    }
    Console.WriteLine("issued " + count);
    return 0;
}

static int Replace(CaStore store)
{
    if (!store.Exists) store.Create().Dispose();
    for (var round = 0; ; round++)
    {
        using var ca = CertificateAuthority.Create(new RootOptions { Organization = $"Round {round}" });
        store.Save(ca);
        // Announced after the first (JIT-warm) round, so a kill after this lands inside the loop.
        if (round == 0) Console.WriteLine("replacing");
    }
}
