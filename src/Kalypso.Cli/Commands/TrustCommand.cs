using System.CommandLine;
using Kalypso.Cli.Output;
using Kalypso.Core.Trust;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso trust</c>: install the root in every store it can, verify each, and print the table.</summary>
internal static class TrustCommand
{
    public static Command Build()
    {
        var trust = new TrustOptions();
        var json = CommonOptions.Json();
        var command = new Command("trust", "Trust the root in the system, NSS (Chromium, Firefox) and Java stores, then check each with a fresh certificate");
        trust.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var store = CommonOptions.OpenStore(parse);
            var loaded = store.Load();
            using var ca = loaded.Authority;
            foreach (var warning in loaded.Warnings) Text.Warn(warning);
            var root = new TrustRoot(ca.Certificate, store.CertificatePath);
            var results = TrustRunner.Trust(trust.Stores(parse), root, VerificationLeaf.From(ca, store, "trust"));

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new { fingerprint = root.Fingerprint, results = TrustTable.Json(results) });
            }
            else
            {
                Console.Out.WriteLine($"Trusting {ca.Certificate.Subject} ({root.Fingerprint}):");
                TrustTable.Write(results);
            }
            return TrustTable.ExitCode(results);
        });
        return command;
    }
}
