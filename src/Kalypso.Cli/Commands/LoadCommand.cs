using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Cli.Output;
using Kalypso.Core;
using Kalypso.Core.Authority;

namespace Kalypso.Cli.Commands;

/// <summary>
/// <c>kalypso load</c>: load the CA exactly as the issuing service and the Aspire integration do
/// (<c>CaStore.Load</c>), and say whether it can be used.
/// </summary>
internal static class LoadCommand
{
    public static Command Build()
    {
        var json = CommonOptions.Json();
        var command = new Command("load", "Load the CA as the service and the Aspire integration do, check it, and say whether it can be used (warns when the key file is readable by others)");
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var store = CommonOptions.OpenStore(parse);
            var loaded = store.Load();
            using var ca = loaded.Authority;
            var warnings = loaded.Warnings.Concat(ProfileWarnings(ca)).ToList();
            var usable = !ca.IsExpired;

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    usable,
                    ca = CaReport.Json(ca, store.Directory),
                    key_algorithm = KeyAlgorithm(ca.Certificate),
                    path_length = PathLength(ca.Certificate),
                    warnings,
                });
                return usable ? ExitCodes.Success : ExitCodes.Failure;
            }
            Console.Out.WriteLine(usable
                ? $"The CA in {store.Directory} loads and can issue certificates."
                : $"The CA in {store.Directory} loads but cannot issue: it has expired.");
            CaReport.Print(ca);
            Text.Field("Key", $"{store.KeyPath} ({KeyAlgorithm(ca.Certificate)}, matches the certificate)");
            Text.Field("Path length", PathLength(ca.Certificate)?.ToString() ?? "unlimited");
            foreach (var warning in warnings) Text.Warn(warning);
            return usable ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static IEnumerable<string> ProfileWarnings(CertificateAuthority ca)
    {
        if (PathLength(ca.Certificate) is not 0)
        {
            yield return "The root allows intermediate CAs below it (its pathLength is not 0); a Kalypso root signs leaves only.";
        }
        if (KeyAlgorithm(ca.Certificate) is not "EC P-384")
        {
            yield return $"The root's key is {KeyAlgorithm(ca.Certificate)}; Kalypso's own roots are EC P-384.";
        }
    }

    private static int? PathLength(X509Certificate2 certificate)
    {
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        return constraints is { HasPathLengthConstraint: true } ? constraints.PathLengthConstraint : null;
    }

    private static string KeyAlgorithm(X509Certificate2 certificate)
    {
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null) return $"EC P-{ec.KeySize}";
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null ? $"RSA {rsa.KeySize}" : "unknown";
    }
}
