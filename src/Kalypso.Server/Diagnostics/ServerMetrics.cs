using System.Diagnostics.Metrics;

namespace Kalypso.Server.Diagnostics;

/// <summary>
/// The service's instruments on the <c>Kalypso.Server</c> meter, which OpenTelemetry (and so the
/// Aspire dashboard) picks up: certificates issued, how long each issuance took, and refused
/// requests by reason.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Kalypso.Server";

    private readonly Counter<long> _issued;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _refused;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    /// <param name="factory">The host's meter factory.</param>
    public ServerMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(MeterName);
        _issued = meter.CreateCounter<long>("kalypso.certificates.issued", "{certificate}", "Certificates issued.");
        _duration = meter.CreateHistogram<double>("kalypso.issuance.duration", "s", "Time to issue one certificate: key, signature and audit log.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256] });
        _refused = meter.CreateCounter<long>("kalypso.requests.refused", "{request}", "Requests refused, by reason.");
    }

    /// <summary>Records one issuance.</summary>
    /// <param name="seconds">How long it took.</param>
    public void Issued(double seconds)
    {
        _issued.Add(1);
        _duration.Record(seconds);
    }

    /// <summary>Records one refused request.</summary>
    /// <param name="reason">Why, such as <c>validation</c> or <c>host-not-allowed</c>.</param>
    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
