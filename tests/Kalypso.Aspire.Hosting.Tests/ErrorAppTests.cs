using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>A name that cannot be certified: the resource fails to start with the reason, the AppHost keeps running.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ErrorAppTests
{
    [Fact]
    public async Task A_resource_with_an_uncertifiable_name_fails_to_start_with_the_reason_on_the_resource()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var running = await RunningApp.StartAsync(["--TestApp:ExtraName=bad name!", "--TestApp:Web=false"], cancel);

        var failed = await running.App.ResourceNotifications.WaitForResourceAsync("api",
            e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart && HttpsAppTests.Property(e.Snapshot, KalypsoPropertyNames.Error) is not null, cancel);

        var message = HttpsAppTests.Property(failed.Snapshot, KalypsoPropertyNames.Error)!;
        Assert.Contains("Kalypso cannot certify 'api'", message);
        Assert.Contains("bad name!", message);
        Assert.True(running.App.ResourceNotifications.TryGetCurrentState("kalypso", out var kalypso));
        Assert.NotNull(HttpsAppTests.Property(kalypso!.Snapshot, KalypsoPropertyNames.CaFingerprint));
    }
}
