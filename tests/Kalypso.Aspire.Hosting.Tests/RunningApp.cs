using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Kalypso.Core.Authority;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>The test AppHost run for real through Aspire.Hosting.Testing with its own temp store.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private RunningApp(DistributedApplication app, TempStore store)
    {
        App = app;
        Store = store;
    }

    public DistributedApplication App { get; }

    public TempStore Store { get; }

    public static async Task<RunningApp> StartAsync(IEnumerable<string> settings, CancellationToken cancellationToken, params string[] healthy)
    {
        var store = new TempStore();
        string[] args = [$"--TestApp:DataDirectory={store.Directory}", .. settings];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Kalypso_TestAppHost>(args, cancellationToken);
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
        builder.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new QueueLoggerProvider(logs));
        var app = await builder.BuildAsync(cancellationToken);
        _ = CollectLogsAsync(app, logs, cancellationToken);
        var running = new RunningApp(app, store);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await app.StartAsync(timeout.Token);
            foreach (var name in healthy)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            }
            return running;
        }
        catch (Exception e)
        {
            await running.DisposeAsync();
            throw new InvalidOperationException($"The test AppHost did not come up: {e.Message}\n{string.Join("\n", logs.TakeLast(80))}", e);
        }
    }

    private static async Task CollectLogsAsync(DistributedApplication app, System.Collections.Concurrent.ConcurrentQueue<string> logs, CancellationToken cancellationToken)
    {
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        await Task.WhenAll(model.Resources.Select(async resource =>
        {
            try
            {
                await foreach (var batch in loggers.WatchAsync(resource).WithCancellation(cancellationToken))
                {
                    foreach (var line in batch) logs.Enqueue($"[{resource.Name}] {line.Content}");
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
    }

    public IResource Resource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    public KalypsoCertificateAnnotation Certificate(string name) =>
        Resource(name).Annotations.OfType<KalypsoCertificateAnnotation>().Single();

    public CertificateAuthority LoadCa() => Store.Open().Load().Authority;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
            Store.Dispose();
        }
    }
}
