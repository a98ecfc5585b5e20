using System.CommandLine;
using Kalypso.Cli.Output;
using Kalypso.Core;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso import-ca</c>: adopt an existing CA, such as an mkcert root.</summary>
internal static class ImportCaCommand
{
    public static Command Build()
    {
        var certificate = new Option<string>("--cert") { Description = "The CA certificate, PEM", Required = true, HelpName = "FILE" };
        var key = new Option<string>("--key") { Description = "Its unencrypted private key, PEM (EC or RSA)", Required = true, HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Replace an existing CA" };
        var json = CommonOptions.Json();
        var command = new Command("import-ca", "Adopt an existing CA (an mkcert root, a team's dev CA): check it and save it in Kalypso's store");
        command.Options.Add(certificate);
        command.Options.Add(key);
        command.Options.Add(force);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var certificatePem = Read(parse.GetValue(certificate)!, "--cert");
            var keyPem = Read(parse.GetValue(key)!, "--key");
            var store = CommonOptions.OpenStore(parse);
            using var ca = store.Import(certificatePem, keyPem, parse.GetValue(force));
            return CaReport.Stored(ca, store, parse.GetValue(json), "Imported the CA into",
                "Next: trust it with 'kalypso trust' (clients that already trust it need nothing).");
        });
        return command;
    }

    private static string Read(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KalypsoValidationException(option.TrimStart('-'), "file-unreadable", $"Cannot read {option} {path}: {e.Message}");
        }
    }
}
