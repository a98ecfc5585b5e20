using System.CommandLine;
using Kalypso.Cli.Commands;
using Kalypso.Core;

namespace Kalypso.Cli;

/// <summary>The <c>kalypso</c> root command: its subcommands, and the one place errors become a one-line message and an exit code.</summary>
internal static class KalypsoCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Kalypso: a local-development certificate authority. Short-lived HTTPS certificates from a root your machine trusts once.");
        root.Options.Add(CommonOptions.DataDir);
        root.Subcommands.Add(InitCommand.Build());
        root.Subcommands.Add(StatusCommand.Build());
        root.Subcommands.Add(IssueCommand.Build());
        root.Subcommands.Add(LoadCommand.Build());
        root.Subcommands.Add(ImportCaCommand.Build());
        root.Subcommands.Add(RotateCommand.Build());
        root.Subcommands.Add(CaCertCommand.Build());
        root.Subcommands.Add(TrustCommand.Build());
        root.Subcommands.Add(UntrustCommand.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var help = command is RootCommand ? "kalypso --help" : $"kalypso {command.Name} --help";
            return Fail(ExitCodes.BadInput, $"{parsed.Errors[0].Message} (see '{help}')");
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (KalypsoValidationException e)
        {
            return Fail(ExitCodes.BadInput, e.Message);
        }
        catch (KalypsoException e)
        {
            return Fail(ExitCodes.Failure, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.Failure, e.Message);
        }
        catch (Exception e)
        {
            // Never a stack trace: one line that still says what kind of failure it was.
            return Fail(ExitCodes.Failure, $"unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine("kalypso: " + message.ReplaceLineEndings(" "));
        return code;
    }
}
