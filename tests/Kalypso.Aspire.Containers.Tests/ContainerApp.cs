using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Containers.Tests;

/// <summary>
/// One test's app: a testing builder with a Kalypso resource whose store is a private temp
/// folder, the images' registry and tags, and helpers to read a container's outcome.
/// </summary>
public sealed class ContainerApp : IAsyncDisposable
{
    private DistributedApplication? _app;

    public ContainerApp()
    {
        Root = Directory.CreateTempSubdirectory("kalypso-containers-test-").FullName;
        Builder = DistributedApplicationTestingBuilder.Create([]);
        Kalypso = Builder.AddKalypso("kalypso").WithDataDirectory(Path.Combine(Root, "store"));
    }

    public string Root { get; }

    public IDistributedApplicationTestingBuilder Builder { get; }

    public IResourceBuilder<KalypsoResource> Kalypso { get; }

    public string RootCertificatePath => Path.Combine(Root, "store", "ca-cert.pem");

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Start the app first.");

    public IResourceBuilder<ContainerResource> Nginx(string name) =>
        Builder.AddContainer(name, PodmanImages.Nginx, PodmanImages.NginxTag)
            .WithImageRegistry(PodmanImages.Registry)
            .WithImagePullPolicy(ImagePullPolicy.Never);

    /// <summary>A client container that runs <paramref name="script"/> with sh and exits.</summary>
    public IResourceBuilder<ContainerResource> Client(string name, string script) =>
        Builder.AddContainer(name, PodmanImages.Client, PodmanImages.ClientTag)
            .WithImageRegistry(PodmanImages.Registry)
            .WithImagePullPolicy(ImagePullPolicy.Never)
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", script);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = await Builder.BuildAsync(cancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await _app.StartAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The app did not start in 2 minutes.\n{await DescribeAsync(cancellationToken)}");
        }
    }

    /// <summary>Every resource's state and output, for a failure message.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        foreach (var resource in App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            var state = Notifications.TryGetCurrentState(resource.Name, out var e) ? $"{e.Snapshot.State?.Text} (exit {e.Snapshot.ExitCode}, health {e.Snapshot.HealthStatus})" : "unknown";
            text.AppendLine($"--- {resource.Name}: {state}");
            var lines = (await OutputAsync(resource, cancellationToken)).Split('\n');
            foreach (var line in lines.TakeLast(30)) text.AppendLine(line);
        }
        return text.ToString();
    }

    public ResourceNotificationService Notifications => App.Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>Waits for a container that runs to completion and returns its exit code and output.</summary>
    public async Task<(int? ExitCode, string Output)> WaitForExitAsync(IResource resource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        ResourceEvent exited;
        try
        {
            exited = await Notifications.WaitForResourceAsync(resource.Name,
                e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart" || e.Snapshot.ExitCode is not null, cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{resource.Name}' did not finish in {timeout}.\n{await DescribeAsync(cancellationToken)}");
        }
        // The last lines may arrive just after the state changes.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return (exited.Snapshot.ExitCode, await OutputAsync(resource, cancellationToken));
    }

    /// <summary>Everything the resource logged so far.</summary>
    public async Task<string> OutputAsync(IResource resource, CancellationToken cancellationToken)
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in logs.GetAllAsync(resource).WithCancellation(cts.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return string.Join('\n', lines);
    }

    /// <summary>Waits until the dashboard shows a property with a value on the resource, and returns it.</summary>
    public async Task<string> WaitForPropertyAsync(string resourceName, string property, CancellationToken cancellationToken, string? except = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var e = await Notifications.WaitForResourceAsync(resourceName,
            e => e.Snapshot.Properties.Any(p => p.Name == property && p.Value is string { Length: > 0 } value && value != except), cts.Token);
        return (string)e.Snapshot.Properties.First(p => p.Name == property && p.Value is string value && value != except).Value!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            try
            {
                await _app.StopAsync();
            }
            finally
            {
                await _app.DisposeAsync();
            }
        }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
