using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kalypso.Server.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Server.Tests;

/// <summary>The Kalypso.Server meter: issued, duration, refusals by reason.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Issuances_durations_and_refusals_are_measured()
    {
        await using var server = await RunningServer.StartAsync();
        var factory = server.App.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServerMetrics.MeterName && instrument.Meter.Scope == factory) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Reason(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Reason(tags))));
        listener.Start();

        var cancel = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++) (await server.Client.PostAsync("/certificates", Json.Body("""{"domains":["m.test"]}"""), cancel)).EnsureSuccessStatusCode();
        await server.Client.PostAsync("/certificates", Json.Body("""{"domains":["a..test"]}"""), cancel);
        await server.Client.PostAsync("/certificates", new StringContent("x"), cancel);
        await server.Client.GetAsync("/nowhere", cancel);

        Assert.Equal(3, measurements.Count(m => m.Instrument == "kalypso.certificates.issued"));
        var durations = measurements.Where(m => m.Instrument == "kalypso.issuance.duration").Select(m => m.Value).ToList();
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.InRange(d, 0.000001, 10));
        var reasons = measurements.Where(m => m.Instrument == "kalypso.requests.refused").Select(m => m.Reason).Order().ToArray();
        Assert.Equal(["not-found", "unsupported-media-type", "validation"], reasons);
    }

    private static string? Reason(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags) if (tag.Key == "reason") return tag.Value as string;
        return null;
    }
}
