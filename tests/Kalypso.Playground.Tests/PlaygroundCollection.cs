namespace Kalypso.Playground.Tests;

/// <summary>The playground tests run one at a time: each starts a whole Aspire app on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlaygroundCollection
{
    public const string Name = "playground";
}
