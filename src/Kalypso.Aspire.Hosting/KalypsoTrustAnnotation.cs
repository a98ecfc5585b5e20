namespace Aspire.Hosting.ApplicationModel;

/// <summary>Marks a resource that trusts a Kalypso root.</summary>
/// <param name="kalypso">The Kalypso resource whose root it trusts.</param>
public sealed class KalypsoTrustAnnotation(KalypsoResource kalypso) : IResourceAnnotation
{
    /// <summary>The Kalypso resource whose root the resource trusts.</summary>
    public KalypsoResource Kalypso { get; } = kalypso;
}

/// <summary>Remembers that the publish-mode warning is already on its way, so it is logged once.</summary>
internal sealed class KalypsoPublishWarningAnnotation : IResourceAnnotation;
