namespace Aspire.Hosting.ApplicationModel;

/// <summary>Marks a container that Kalypso delivers files to, with the profile fixed at that moment.</summary>
/// <param name="profile">The profile in use.</param>
/// <param name="port">The TLS port inside the container the profile configures.</param>
internal sealed class KalypsoContainerDeliveryAnnotation(KalypsoContainerProfile profile, int port) : IResourceAnnotation
{
    public KalypsoContainerProfile Profile { get; } = profile;

    public int Port { get; } = port;

    /// <summary>Whether the certificate and key go in too, not only the root.</summary>
    public bool ServesTls { get; set; }
}
