using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>Renewal driven by a fake clock: the check, the threshold, a clock jump, and the background loop.</summary>
public sealed class RenewalTests : IDisposable
{
    private readonly TempStore _store = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_leaf_is_renewed_once_two_thirds_of_its_lifetime_has_passed_and_not_before()
    {
        var (app, worker, certificate) = Build(TimeSpan.FromMinutes(30), renewAt: null);
        using var _ = app;
        var service = app.Services.GetRequiredService<KalypsoCertificateService>();
        var first = certificate.Current!;

        _time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(0, await service.CheckOnceAsync(CancellationToken.None));
        Assert.Same(first, certificate.Current);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await service.CheckOnceAsync(CancellationToken.None));

        var second = certificate.Current!;
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first.Names.All, second.Names.All);
        Assert.Equal(2, certificate.Generation);
        Assert.Equal(TimeSpan.FromMinutes(30), second.NotAfter - Truncate(_time.GetUtcNow()));
        var handed = Assert.Single(worker.Annotations.OfType<HttpsCertificateAnnotation>());
        Assert.Equal(second.Certificate.Thumbprint, handed.Certificate!.Thumbprint);
        Assert.True(handed.Certificate.HasPrivateKey);
        Assert.Equal(2, _store.Open().AuditLog.ReadAll().Count);
        Assert.Equal(0, await service.CheckOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_clock_that_jumps_past_expiry_gets_a_fresh_leaf_at_the_next_check()
    {
        var (app, _, certificate) = Build(TimeSpan.FromMinutes(5), renewAt: null);
        using var __ = app;
        var service = app.Services.GetRequiredService<KalypsoCertificateService>();
        var first = certificate.Current!;

        _time.Advance(TimeSpan.FromHours(9));
        Assert.True(_time.GetUtcNow() > first.NotAfter);
        Assert.Equal(1, await service.CheckOnceAsync(CancellationToken.None));

        var fresh = certificate.Current!;
        Assert.True(fresh.NotBefore <= _time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(5), fresh.NotAfter - Truncate(_time.GetUtcNow()));
    }

    [Fact]
    public async Task The_configured_threshold_applies_to_a_five_minute_leaf()
    {
        var (app, _, certificate) = Build(TimeSpan.FromMinutes(5), renewAt: 0.5);
        using var __ = app;
        var service = app.Services.GetRequiredService<KalypsoCertificateService>();

        _time.Advance(TimeSpan.FromSeconds(149));
        Assert.Equal(0, await service.CheckOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await service.CheckOnceAsync(CancellationToken.None));
        Assert.Equal(2, certificate.Generation);
    }

    [Fact]
    public async Task The_background_loop_checks_at_short_intervals_and_renews_on_its_own()
    {
        var (app, _, certificate) = Build(TimeSpan.FromMinutes(5), renewAt: null);
        using var __ = app;
        var service = app.Services.GetRequiredService<KalypsoCertificateService>();
        using var stop = new CancellationTokenSource();
        await service.StartAsync(stop.Token);
        try
        {
            // 2/3 of 5 minutes is 200 s; the loop checks every 10 s of fake time.
            for (var step = 0; step < 60 && certificate.Generation < 2; step++)
            {
                await Task.Delay(25, TestContext.Current.CancellationToken);
                _time.Advance(TimeSpan.FromSeconds(10));
            }
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (certificate.Generation < 2 && DateTime.UtcNow < deadline) await Task.Delay(25, TestContext.Current.CancellationToken);
            Assert.Equal(2, certificate.Generation);
            Assert.InRange(certificate.IssuedAt - (certificate.Current!.NotAfter - TimeSpan.FromMinutes(5)), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }
        finally
        {
            await stop.CancelAsync();
            await service.StopAsync(CancellationToken.None);
        }
    }

    private (DistributedApplication App, IResource Worker, KalypsoCertificateAnnotation Certificate) Build(TimeSpan lifetime, double? renewAt)
    {
        var builder = ModelBuilders.Run(_time);
        var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(_store.Directory).WithLifetime(lifetime)
            .WithRenewal(renewAt ?? 2.0 / 3.0, TimeSpan.FromSeconds(10));
        var worker = builder.Executable("worker").WithKalypsoHttps(kalypso);
        var app = builder.Build();
        return (app, worker.Resource, worker.Resource.Annotations.OfType<KalypsoCertificateAnnotation>().Single());
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
