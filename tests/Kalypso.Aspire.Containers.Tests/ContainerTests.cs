namespace Kalypso.Aspire.Containers.Tests;

/// <summary>
/// The tests that run podman: one at a time (each starts DCP, a network and containers on a
/// 2-core machine), after the images are built.
/// </summary>
[CollectionDefinition(nameof(ContainerTests), DisableParallelization = true)]
public sealed class ContainerTests : ICollectionFixture<PodmanImages>;
