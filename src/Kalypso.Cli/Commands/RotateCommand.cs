using System.CommandLine;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Cli.Output;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Profiles;
using Kalypso.Core.Trust;

namespace Kalypso.Cli.Commands;

/// <summary>
/// <c>kalypso rotate</c>: the recovery the security model prescribes for a compromised key, in
/// one step. Untrust the old root, move its files aside (0600), create a new root, trust it.
/// </summary>
internal static class RotateCommand
{
    public static Command Build()
    {
        var rootOptions = new RootCommandOptions();
        var trust = new TrustOptions();
        var json = CommonOptions.Json();
        var command = new Command("rotate", "Replace a compromised or expiring CA: untrust the old root, keep its files aside, create a new root and trust it");
        rootOptions.AddTo(command);
        trust.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var store = CommonOptions.OpenStore(parse);
            var stores = trust.Stores(parse);

            // The old root is read from its certificate alone: a compromised or damaged key must not stop the rotation.
            using var oldCertificate = RootCertificateFile.Read(store);
            var newOptions = rootOptions.Read(parse, Inherit(oldCertificate));
            var untrusted = TrustRunner.Untrust(stores, new TrustRoot(oldCertificate, store.CertificatePath));
            var keptAside = store.MoveAside(DateTimeOffset.UtcNow);
            using var ca = store.Create(newOptions, force: true);
            var trusted = TrustRunner.Trust(stores, new TrustRoot(ca.Certificate, store.CertificatePath), VerificationLeaf.From(ca, store, "rotate"));
            var failed = untrusted.Concat(trusted).Any(r => r.State == TrustState.Failed);

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    old_fingerprint = Fingerprints.Sha256(oldCertificate),
                    kept_aside = keptAside,
                    ca = CaReport.Json(ca, store.Directory),
                    untrust = TrustTable.Json(untrusted),
                    trust = TrustTable.Json(trusted),
                });
                return failed ? ExitCodes.Failure : ExitCodes.Success;
            }
            Console.Out.WriteLine($"Old root {Fingerprints.Sha256(oldCertificate)}:");
            TrustTable.Write(untrusted);
            Console.Out.WriteLine("Kept aside (mode 0600; delete them once nothing needs them):");
            foreach (var path in keptAside) Console.Out.WriteLine("  " + path);
            Console.Out.WriteLine();
            Console.Out.WriteLine($"New CA in {store.Directory}");
            CaReport.Print(ca);
            Console.Out.WriteLine();
            Console.Out.WriteLine("New root:");
            TrustTable.Write(trusted);
            Console.Out.WriteLine();
            Console.Out.WriteLine("Certificates from the old root are no longer trusted: issue new ones.");
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What the new root keeps from the old one unless told otherwise: its organization and name constraints.</summary>
    private static RootOptions Inherit(X509Certificate2 old)
    {
        var organization = old.SubjectName.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(n => n.GetSingleElementType().Value == "2.5.4.10")?.GetSingleElementValue();
        var policy = ReadConstraints(old);
        return new RootOptions
        {
            Organization = string.IsNullOrWhiteSpace(organization) ? RootOptions.DefaultOrganization : organization,
            NameConstraints = policy is not null,
            Permitted = policy is null ? [] :
            [
                .. policy.DnsNames.Except(NameConstraintPolicy.DefaultDnsNames),
                .. policy.Networks.Except(NameConstraintPolicy.DefaultNetworks).Select(n => n.ToString()),
            ],
        };
    }

    private static NameConstraintPolicy? ReadConstraints(X509Certificate2 old)
    {
        try
        {
            return NameConstraintsExtension.Read(old);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
