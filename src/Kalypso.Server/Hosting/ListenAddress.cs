using System.Net;
using Kalypso.Core;

namespace Kalypso.Server.Hosting;

/// <summary>Where the service listens, checked against the loopback-only default.</summary>
/// <param name="Address">The IP address to bind, or <see langword="null"/> for every loopback address (<c>localhost</c>).</param>
/// <param name="Port">The port; 0 for any free port.</param>
internal sealed record ListenAddress(IPAddress? Address, int Port)
{
    public bool IsLoopback => Address is null || IPAddress.IsLoopback(Address);

    public static ListenAddress Resolve(KalypsoServerOptions options)
    {
        if (options.Port is < 0 or > 65535) throw new KalypsoException($"The port must be from 0 to 65535, not {options.Port}.");
        var bind = (options.Bind ?? KalypsoServerOptions.DefaultBind).Trim();
        if (bind.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Both loopback families at once cannot share a dynamic port, so port 0 takes IPv4 loopback.
            return new ListenAddress(options.Port == 0 ? IPAddress.Loopback : null, options.Port);
        }
        var literal = bind.StartsWith('[') && bind.EndsWith(']') ? bind[1..^1] : bind;
        if (!IPAddress.TryParse(literal, out var address))
        {
            throw new KalypsoException($"--bind takes an IP address or 'localhost', not '{bind}'.");
        }
        var resolved = new ListenAddress(address, options.Port);
        if (!resolved.IsLoopback && !options.AllowNonLoopback)
        {
            throw new KalypsoException(
                $"Refusing to bind {bind}: it is not a loopback address, and the API has no authentication. Pass --allow-non-loopback if you really mean it.");
        }
        return resolved;
    }

    public override string ToString() => Address switch
    {
        null => $"localhost:{Port}",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"[{Address}]:{Port}",
        _ => $"{Address}:{Port}",
    };
}
