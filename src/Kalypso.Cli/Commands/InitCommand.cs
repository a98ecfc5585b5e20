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
            return CaReport.Stored(ca, store, parse.GetValue(json), "Created a CA in",
                "Next: trust it in this machine's stores with 'kalypso trust'.");
        });
        return command;
    }
}
