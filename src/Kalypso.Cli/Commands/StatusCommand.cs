using System.CommandLine;
using Kalypso.Cli.Output;
using Kalypso.Core.Trust;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso status</c>: the store's status report and where the root is trusted.</summary>
internal static class StatusCommand
{
    public static Command Build()
    {
        var json = CommonOptions.Json();
        var trust = new TrustOptions();
        var command = new Command("status", "Show the CA: fingerprint, expiry, key file safety, certificates issued, and where it is trusted. Exits non-zero when the key is unsafe or the CA is missing or expired");
        trust.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var store = CommonOptions.OpenStore(parse);
            var status = store.GetStatus();
            using var certificate = RootCertificateFile.Read(store);
            var trustResults = TrustRunner.Check(trust.Stores(parse), new TrustRoot(certificate, store.CertificatePath));
            var healthy = status.KeyFile.IsSafe && !status.IsExpired;

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    directory = status.Directory,
                    subject = status.Subject,
                    fingerprint = status.Fingerprint,
                    not_before = status.NotBefore,
                    not_after = status.NotAfter,
                    expired = status.IsExpired,
                    key_file = new { path = status.KeyFile.Path, mode = status.KeyFile.Mode, safe = status.KeyFile.IsSafe, warning = status.KeyFile.Warning },
                    issued = status.IssuedCount,
                    name_constrained = status.NameConstrained,
                    trust = TrustTable.Json(trustResults),
                    healthy,
                });
                return healthy ? ExitCodes.Success : ExitCodes.Failure;
            }

            Console.Out.WriteLine($"CA in {status.Directory}");
            Text.Field("Subject", status.Subject);
            Text.Field("Fingerprint", status.Fingerprint);
            Text.Field("Valid from", Text.Time(status.NotBefore));
            Text.Field("Expires", Text.Time(status.NotAfter) + (status.IsExpired ? "  (EXPIRED: run 'kalypso rotate')" : ""));
            Text.Field("Key file", $"{status.KeyFile.Path} (mode {status.KeyFile.Mode}, {(status.KeyFile.IsSafe ? "only its owner can read it" : "UNSAFE")})");
            Text.Field("Issued", $"{status.IssuedCount} certificate{(status.IssuedCount == 1 ? "" : "s")}");
            Text.Field("Name constraints", status.NameConstrained ? "yes" : "no");
            Console.Out.WriteLine();
            Console.Out.WriteLine("Trust:");
            TrustTable.Write(trustResults);
            if (status.KeyFile.Warning is { } warning) Text.Warn(warning);
            if (status.IsExpired) Text.Warn($"The CA expired at {Text.Time(status.NotAfter)}. Create a new one with 'kalypso rotate'.");
            return healthy ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
