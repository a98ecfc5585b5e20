using System.CommandLine;
using Kalypso.Cli.Output;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso issue</c>: issue a short-lived certificate and write it to files.</summary>
internal static class IssueCommand
{
    public static Command Build()
    {
        var names = new Argument<string[]>("NAME") { Description = "DNS names (and IP literals) the certificate covers", Arity = ArgumentArity.OneOrMore };
        var ips = new Option<string[]>("--ip") { Description = "IP addresses the certificate covers", HelpName = "ADDR", AllowMultipleArgumentsPerToken = true };
        var hours = new Option<int?>("--hours") { Description = $"Lifetime in hours (default {LeafLifetime.Default.TotalHours:0}, at most {LeafLifetime.Maximum.TotalHours:0})", HelpName = "N" };
        var lifetime = new Option<string?>("--lifetime") { Description = "Lifetime as a duration: 30m, 8h, 7d (at least 5m, at most 7d)", HelpName = "DURATION" };
        var output = new Option<string>("--out") { Description = "The folder to write cert.pem, key.pem and fullchain.pem to", DefaultValueFactory = _ => ".", HelpName = "DIR" };
        var pfx = new Option<bool>("--pfx") { Description = "Also write cert.pfx (PKCS#12 with the key and chain, no password)" };
        var json = CommonOptions.Json();

        var command = new Command("issue", "Issue a short-lived certificate for NAME... and write it to files");
        command.Arguments.Add(names);
        command.Options.Add(ips);
        command.Options.Add(hours);
        command.Options.Add(lifetime);
        command.Options.Add(output);
        command.Options.Add(pfx);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var request = new LeafRequest(NameParser.Parse(parse.GetValue(names), parse.GetValue(ips)))
            {
                Lifetime = Lifetime(parse.GetValue(hours), parse.GetValue(lifetime)),
                Requester = $"kalypso issue ({Environment.UserName})",
            };
            var life = LeafLifetime.Validate(request.Lifetime);

            var store = CommonOptions.OpenStore(parse);
            var loaded = store.Load();
            using var ca = loaded.Authority;
            using var issued = new CertificateIssuer(ca, store.AuditLog).Issue(request);
            // After issuing: an expired CA fails above with its own one-line error instead.
            foreach (var warning in loaded.Warnings) Text.Warn(warning);
            var files = IssuedFiles.Write(parse.GetValue(output)!, issued, parse.GetValue(pfx));

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    names = issued.Names.All.ToList(),
                    serial = issued.SerialNumber,
                    fingerprint = issued.Fingerprint,
                    not_before = issued.NotBefore,
                    not_after = issued.NotAfter,
                    files = new { certificate = files.Certificate, key = files.Key, fullchain = files.FullChain, pkcs12 = files.Pkcs12 },
                });
                return ExitCodes.Success;
            }
            Console.Out.WriteLine($"Issued a certificate for {string.Join(", ", issued.Names.All)}");
            Text.Field("Expires", $"{Text.Time(issued.NotAfter)} ({LeafLifetime.Describe(life)})");
            Text.Field("Fingerprint", issued.Fingerprint);
            Text.Field("Certificate", files.Certificate);
            Text.Field("Key", files.Key + " (mode 0600)");
            Text.Field("Full chain", files.FullChain);
            if (files.Pkcs12 is not null) Text.Field("PKCS#12", files.Pkcs12 + " (no password)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static TimeSpan? Lifetime(int? hours, string? lifetime)
    {
        if (hours is not null && lifetime is not null)
        {
            throw new KalypsoValidationException("lifetime", "lifetime-twice", "Give either --hours or --lifetime, not both.");
        }
        if (hours is { } h)
        {
            if (h is < 1 or > 100_000) throw new KalypsoValidationException("lifetime", "lifetime-bounds", $"--hours {h} is out of bounds: a certificate lives at least 5 minutes and at most 168 hours.");
            return TimeSpan.FromHours(h);
        }
        return lifetime is null ? null : DurationParser.Parse(lifetime);
    }
}
