using Kalypso.Core.Authority;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Hands a Kalypso certificate to Aspire's own HTTPS certificate support. Aspire reads the last
/// <see cref="HttpsCertificateAnnotation"/> each time it starts a resource, writes the files and
/// points Kestrel (or the container's paths) at them, so replacing the annotation and restarting
/// is how a renewed certificate reaches the resource.
/// </summary>
internal static class KalypsoHttpsCertificate
{
    public static HttpsCertificateAnnotation Create(IssuedCertificate issued) => new() { Certificate = issued.WithPrivateKey() };

    public static void Replace(IResource resource, IssuedCertificate issued)
    {
        // Containers read the current certificate through KalypsoContainerDelivery's file callbacks.
        if (resource is ContainerResource) return;
        var annotations = resource.Annotations;
        lock (annotations)
        {
            foreach (var old in annotations.OfType<HttpsCertificateAnnotation>().ToList()) annotations.Remove(old);
            annotations.Add(Create(issued));
        }
    }
}
