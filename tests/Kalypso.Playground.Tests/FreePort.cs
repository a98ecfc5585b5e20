using System.Net;
using System.Net.Sockets;

namespace Kalypso.Playground.Tests;

internal static class FreePort
{
    /// <summary>A loopback port the OS just handed out (bind to 0), released for the child to take.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
