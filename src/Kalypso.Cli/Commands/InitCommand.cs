using System.CommandLine;
using Kalypso.Cli.Output;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso init</c>: create the CA.</summary>
internal static class InitCommand
{
    public static Command Build()
    {
        var root = new RootCommandOptions();
        var force = new Option<bool>("--force") { Description = "Replace an existing CA (certificates it issued stop being trusted)" };
        var json = CommonOptions.Json();
        var command = new Command("init", "Create the CA: an ECDSA P-384 root that can sign leaf certificates only");
        root.AddTo(command);
        command.Options.Add(force);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var store = CommonOptions.OpenStore(parse);
            using var ca = store.Create(root.Read(parse), parse.GetValue(force));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new { ca = CaReport.Json(ca, store.Directory), key_file = store.KeyPath, next = "kalypso trust" });
                return ExitCodes.Success;
            }
            Console.Out.WriteLine($"Created a CA in {store.Directory}");
            CaReport.Print(ca);
            Text.Field("Key", $"{store.KeyPath} (mode 0600)");
            Console.Out.WriteLine();
            Console.Out.WriteLine("Next: trust it in this machine's stores with 'kalypso trust'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
