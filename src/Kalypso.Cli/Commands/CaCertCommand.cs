using System.CommandLine;
using Kalypso.Core;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso ca-cert</c>: print the root certificate, for piping into other tools.</summary>
internal static class CaCertCommand
{
    public static Command Build()
    {
        var command = new Command("ca-cert", "Print the root certificate (PEM) to standard output");
        command.SetAction(parse =>
        {
            var store = CommonOptions.OpenStore(parse);
            if (!store.Exists) throw new KalypsoException($"No CA in {store.Directory}. Create one with 'kalypso init'.");
            Console.Out.Write(File.ReadAllText(store.CertificatePath));
            return ExitCodes.Success;
        });
        return command;
    }
}
