namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Reduces an image reference to the repository a profile is chosen by: the registry, the tag
/// and the digest are dropped, and Docker Hub's implicit <c>library/</c> prefix too, so
/// <c>registry.example.test/library/nginx:1.27@sha256:…</c>, <c>nginx</c> and <c>localhost/nginx:dev</c>
/// all read <c>nginx</c>, while <c>bitnami/nginx</c> stays itself (its layout differs).
/// </summary>
public static class ContainerImageName
{
    /// <summary>The repository part of an image reference, lower-case.</summary>
    /// <param name="image">An image reference as a user or Aspire writes it.</param>
    /// <returns>The repository, such as <c>nginx</c> or <c>bitnami/redis</c>.</returns>
    public static string Repository(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var name = image.Trim().ToLowerInvariant();
        var digest = name.IndexOf('@', StringComparison.Ordinal);
        if (digest >= 0) name = name[..digest];
        var lastSlash = name.LastIndexOf('/');
        var tag = name.IndexOf(':', lastSlash + 1);
        if (tag >= 0) name = name[..tag];

        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        // A first part with a dot or a port, or "localhost", names a registry (Docker's own rule).
        if (parts.Count > 1 && (parts[0].Contains('.', StringComparison.Ordinal) || parts[0].Contains(':', StringComparison.Ordinal) || parts[0] == "localhost"))
        {
            parts.RemoveAt(0);
        }
        if (parts.Count > 1 && parts[0] == "library") parts.RemoveAt(0);
        return string.Join('/', parts);
    }

    /// <summary>The repository of a container resource's image, or <see langword="null"/> when it has none yet.</summary>
    /// <param name="resource">The container.</param>
    /// <returns>The repository.</returns>
    public static string? Repository(ContainerResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var image = resource.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault();
        if (image is null || string.IsNullOrWhiteSpace(image.Image)) return null;
        var reference = image.Registry is { Length: > 0 } registry ? $"{registry}/{image.Image}" : image.Image;
        return Repository(reference);
    }
}
