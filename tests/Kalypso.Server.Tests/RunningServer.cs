using Kalypso.Core.Store;
using Microsoft.AspNetCore.Builder;

namespace Kalypso.Server.Tests;

/// <summary>The real service, started in-process on 127.0.0.1 with port 0 and its own store.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    private RunningServer() { }

    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string DataDirectory => _folder.Combine("store");
    public CaStore Store => CaStore.Open(DataDirectory);

    public static async Task<RunningServer> StartAsync(Func<KalypsoServerOptions, KalypsoServerOptions>? configure = null)
    {
        var server = new RunningServer();
        var options = new KalypsoServerOptions { Port = 0, DataDirectory = server.DataDirectory, KeyPoolSize = 16, LogIssuances = false };
        if (configure is not null) options = configure(options);
        server.App = KalypsoServer.Build(options);
        await server.App.StartAsync(TestContext.Current.CancellationToken);
        server.BaseAddress = new Uri(KalypsoServer.ListeningUrls(server.App).Single());
        server.Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.StopAsync(CancellationToken.None);
            await App.DisposeAsync();
        }
        _folder.Dispose();
    }
}

/// <summary>One server shared by the tests of a class that do not care about each other's issuances.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await RunningServer.StartAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
