using Kalypso.Aspire.Client.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kalypso.Aspire.Client.Health;

/// <summary>
/// Reports the time left on the certificate the service serves: Healthy while more than
/// <see cref="KalypsoClientOptions.ExpiryWarning"/> is left, Degraded below it, Unhealthy once
/// expired or when no certificate could be loaded.
/// </summary>
/// <param name="served">The served certificate.</param>
/// <param name="options">The warning threshold.</param>
/// <param name="time">The clock.</param>
public sealed class KalypsoCertificateHealthCheck(KalypsoServedCertificate served, IOptions<KalypsoClientOptions> options, TimeProvider time) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "kalypso-certificate";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (served.Current is not { } certificate)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No Kalypso certificate has been loaded yet; see the log for why."));
        }
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var left = notAfter - time.GetUtcNow();
        var data = new Dictionary<string, object>
        {
            ["subject"] = certificate.Subject,
            ["fingerprint"] = served.Fingerprint ?? "",
            ["notAfter"] = notAfter.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            ["secondsLeft"] = (long)Math.Max(0, left.TotalSeconds),
            ["rotations"] = served.Rotations,
            ["source"] = served.Source ?? "",
        };
        var summary = $"The Kalypso certificate {certificate.Subject} expires at {data["notAfter"]}";
        HealthCheckResult result;
        if (left <= TimeSpan.Zero) result = HealthCheckResult.Unhealthy($"{summary}: it has expired.", data: data);
        else if (left < options.Value.ExpiryWarning) result = HealthCheckResult.Degraded($"{summary}: {Describe(left)} left, under the {Describe(options.Value.ExpiryWarning)} warning threshold.", data: data);
        else result = HealthCheckResult.Healthy($"{summary}: {Describe(left)} left.", data);
        return Task.FromResult(result);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days"
        : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours"
        : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} minutes"
        : $"{Math.Max(0, span.TotalSeconds):0} seconds";
}
