namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// What a profile needs to know to write a container's arguments, environment and files: where
/// Kalypso puts the certificate files inside it and which port serves TLS.
/// </summary>
/// <param name="ResourceName">The container resource's name.</param>
/// <param name="Port">The port inside the container that serves TLS.</param>
/// <param name="CertificatePath">The certificate followed by the Kalypso root, PEM.</param>
/// <param name="KeyPath">The private key, PEM (PKCS#8), readable only by the profile's user.</param>
/// <param name="CaPath">The Kalypso root certificate, PEM.</param>
/// <param name="CertificateWithKeyPath">The certificate chain and the key in one PEM file, for servers that want one (HAProxy); readable only by the profile's user.</param>
public sealed record KalypsoContainerContext(
    string ResourceName,
    int Port,
    string CertificatePath,
    string KeyPath,
    string CaPath,
    string CertificateWithKeyPath);
