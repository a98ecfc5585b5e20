using System.Globalization;
using Kalypso.Core;

namespace Kalypso.Server;

/// <summary>
/// The service's own command line: <c>--port N</c>, <c>--bind ADDR</c>, <c>--data-dir DIR</c>,
/// <c>--allow-host NAME</c> (repeatable), <c>--allow-non-loopback</c>, <c>--key-pool N</c>.
/// </summary>
public static class ServerArguments
{
    /// <summary>The usage text printed for <c>--help</c> and after a bad argument.</summary>
    public const string Usage =
        """
        Usage: Kalypso.Server [options]
          --port N               TCP port (default 8200; 0 picks a free port)
          --bind ADDR            address to bind (default 127.0.0.1)
          --allow-non-loopback   allow binding a non-loopback address (the API has no authentication)
          --allow-host NAME      also accept this Host header name (repeatable)
          --data-dir DIR         CA store folder (default: KALYPSO_DATA_DIR or ~/.kalypso)
          --key-pool N           leaf keys kept ready (default 64; 0 turns the pool off)
          --help                 show this text
        """;

    /// <summary>Parses the arguments into options, starting from <paramref name="defaults"/>.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="defaults">The options before the arguments apply; the defaults when null.</param>
    /// <returns>The options, and whether help was asked for.</returns>
    /// <exception cref="KalypsoException">An argument is unknown or its value is missing or invalid.</exception>
    public static (KalypsoServerOptions Options, bool Help) Parse(IReadOnlyList<string> args, KalypsoServerOptions? defaults = null)
    {
        var options = defaults ?? new KalypsoServerOptions();
        var hosts = new List<string>(options.AllowedHosts);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new KalypsoException($"{arg} needs a value.");
                }
                return args[++i];
            }

            switch (arg)
            {
                case "--help" or "-h":
                    return (options, true);
                case "--port":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        throw new KalypsoException($"--port takes a number from 0 to 65535, not '{text}'.");
                    }
                    options = options with { Port = port };
                    break;
                case "--bind":
                    options = options with { Bind = Value() };
                    break;
                case "--allow-non-loopback":
                    options = options with { AllowNonLoopback = true };
                    break;
                case "--allow-host":
                    hosts.Add(Value());
                    break;
                case "--data-dir":
                    options = options with { DataDirectory = Value() };
                    break;
                case "--key-pool":
                    var size = Value();
                    if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var pool) || pool > 100_000)
                    {
                        throw new KalypsoException($"--key-pool takes a number from 0 to 100000, not '{size}'.");
                    }
                    options = options with { KeyPoolSize = pool };
                    break;
                default:
                    throw new KalypsoException($"Unknown argument '{arg}'.");
            }
        }
        return (options with { AllowedHosts = hosts }, false);
    }
}
