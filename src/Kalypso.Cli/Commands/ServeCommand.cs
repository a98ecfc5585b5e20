using System.CommandLine;
using Kalypso.Server;

namespace Kalypso.Cli.Commands;

/// <summary><c>kalypso serve</c>: run the issuing service on this machine until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var port = new Option<int>("--port")
        {
            Description = $"TCP port (0 picks a free one)",
            DefaultValueFactory = _ => KalypsoServerOptions.DefaultPort,
            HelpName = "N",
        };
        var bind = new Option<string>("--bind")
        {
            Description = "Address to listen on; a non-loopback address also needs --allow-non-loopback",
            DefaultValueFactory = _ => KalypsoServerOptions.DefaultBind,
            HelpName = "ADDR",
        };
        var allowNonLoopback = new Option<bool>("--allow-non-loopback")
        {
            Description = "Allow a non-loopback bind address (the API has no authentication: never expose it beyond this machine or a container network)",
        };
        var allowHost = new Option<string[]>("--allow-host")
        {
            Description = "Also accept requests whose Host header is this name, such as the name containers use to reach the host (repeatable)",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("serve", "Run the issuing service (HTTP API, loopback only by default)");
        command.Options.Add(port);
        command.Options.Add(bind);
        command.Options.Add(allowNonLoopback);
        command.Options.Add(allowHost);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new KalypsoServerOptions
            {
                Port = parse.GetValue(port),
                Bind = parse.GetValue(bind)!,
                AllowNonLoopback = parse.GetValue(allowNonLoopback),
                AllowedHosts = parse.GetValue(allowHost) ?? [],
                DataDirectory = CommonOptions.OpenStore(parse).Directory,
            };
            await KalypsoServer.RunAsync(options, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
