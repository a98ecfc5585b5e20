using System.Net;

namespace Kalypso.Server.Hosting;

/// <summary>
/// The names a request's <c>Host</c> header may carry. A web page that rebinds its own DNS name
/// to 127.0.0.1 still sends its own name as the Host, so refusing every name not on this list
/// keeps such pages out. Accepted: <c>localhost</c> and <c>*.localhost</c>, loopback IP literals,
/// the bound address, and names the operator configured.
/// </summary>
internal sealed class HostAllowList
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<IPAddress> _addresses = [];

    public HostAllowList(IEnumerable<string> configured, IPAddress? boundAddress)
    {
        foreach (var entry in configured)
        {
            var name = Normalize(entry);
            if (name.Length == 0) continue;
            if (IPAddress.TryParse(name, out var ip)) _addresses.Add(ip);
            else _names.Add(name);
        }
        if (boundAddress is not null && !boundAddress.Equals(IPAddress.Any) && !boundAddress.Equals(IPAddress.IPv6Any))
        {
            _addresses.Add(boundAddress);
        }
    }

    /// <summary>Everything accepted, for the start-up log.</summary>
    public string Describe() =>
        string.Join(", ", new[] { "localhost", "*.localhost", "loopback addresses" }.Concat(_names).Concat(_addresses.Select(a => a.ToString())));

    public bool Allows(string host)
    {
        var name = Normalize(host);
        if (name.Length == 0) return false;
        if (IPAddress.TryParse(name, out var ip)) return IPAddress.IsLoopback(ip) || _addresses.Contains(ip);
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || _names.Contains(name);
    }

    private static string Normalize(string host)
    {
        var name = host.Trim();
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
        if (name.EndsWith('.')) name = name[..^1];
        return name;
    }
}
