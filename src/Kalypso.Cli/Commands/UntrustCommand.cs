using System.CommandLine;
using Kalypso.Cli.Output;
using Kalypso.Core.Trust;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso untrust</c>: remove exactly what <c>trust</c> added, found by the root's fingerprint.</summary>
internal static class UntrustCommand
{
    public static Command Build()
    {
        var trust = new TrustOptions();
        var json = CommonOptions.Json();
        var command = new Command("untrust", "Remove the root from the stores 'kalypso trust' added it to");
        trust.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var store = CommonOptions.OpenStore(parse);
            // Only the certificate is needed, so a root whose key is lost or damaged can still be untrusted.
            using var certificate = RootCertificateFile.Read(store);
            var root = new TrustRoot(certificate, store.CertificatePath);
            var results = TrustRunner.Untrust(trust.Stores(parse), root);

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new { fingerprint = root.Fingerprint, results = TrustTable.Json(results) });
            }
            else
            {
                Console.Out.WriteLine($"Untrusting {certificate.Subject} ({root.Fingerprint}):");
                TrustTable.Write(results);
            }
            return TrustTable.ExitCode(results);
        });
        return command;
    }
}
