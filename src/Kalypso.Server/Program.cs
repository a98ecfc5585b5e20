using Kalypso.Core;
using Kalypso.Server;

// The service as its own process: `dotnet Kalypso.Server.dll --port 8200 --bind 127.0.0.1 ...`,
// which is how the Aspire integration runs it. `kalypso serve` calls KalypsoServer directly.
KalypsoServerOptions options;
try
{
    var (parsed, help) = ServerArguments.Parse(args);
    if (help)
    {
        Console.WriteLine(ServerArguments.Usage);
        return 0;
    }
    options = parsed;
}
catch (KalypsoException e)
{
    Console.Error.WriteLine("kalypso-server: " + e.Message);
    Console.Error.WriteLine(ServerArguments.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await KalypsoServer.RunAsync(options, stop.Token);
    return 0;
}
catch (KalypsoException e)
{
    Console.Error.WriteLine("kalypso-server: " + e.Message);
    return 1;
}
catch (IOException e)
{
    // Address in use and similar: a message, not a stack trace.
    Console.Error.WriteLine("kalypso-server: cannot start: " + e.Message);
    return 1;
}
