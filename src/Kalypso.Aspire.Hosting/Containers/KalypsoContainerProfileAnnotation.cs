namespace Aspire.Hosting.ApplicationModel;

/// <summary>The profile an author chose for a container, overriding the one its image name would pick.</summary>
/// <param name="profile">The profile.</param>
public sealed class KalypsoContainerProfileAnnotation(KalypsoContainerProfile profile) : IResourceAnnotation
{
    /// <summary>The chosen profile.</summary>
    public KalypsoContainerProfile Profile { get; } = profile;
}
