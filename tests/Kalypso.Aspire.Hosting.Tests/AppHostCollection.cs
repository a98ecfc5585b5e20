namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>
/// The tests that run a real AppHost share one collection so they run one after another: three
/// AppHosts at once on a 2-core machine make start-up times, and so renewal timing, unpredictable.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection
{
    public const string Name = "Real AppHost";
}
