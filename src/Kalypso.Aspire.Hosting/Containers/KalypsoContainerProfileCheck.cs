namespace Aspire.Hosting.ApplicationModel;

/// <summary>Rejects a profile that could not work in a container, at the line that sets it rather than at run time.</summary>
internal static class KalypsoContainerProfileCheck
{
    public static void Validate(KalypsoContainerProfile profile)
    {
        if (string.IsNullOrWhiteSpace(profile.Name)) throw new ArgumentException("A Kalypso container profile needs a name.", nameof(profile));
        if (!IsAbsolute(profile.Directory))
        {
            throw new ArgumentException($"The '{profile.Name}' profile's Directory must be an absolute path inside the container, such as /etc/kalypso; it is '{profile.Directory}'.", nameof(profile));
        }
        if (profile.FileOwner < 0 || profile.FileGroup < 0)
        {
            throw new ArgumentException($"The '{profile.Name}' profile's FileOwner and FileGroup must be numeric ids of 0 or more.", nameof(profile));
        }
        if (profile.HttpsPort is { } port && port is < 1 or > 65535)
        {
            throw new ArgumentException($"The '{profile.Name}' profile's HttpsPort {port} is not a port.", nameof(profile));
        }
    }

    public static bool IsAbsolute(string? path) => path is { Length: > 1 } && path[0] == '/' && !path.Contains("..", StringComparison.Ordinal);
}
