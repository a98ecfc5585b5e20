using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Chooses how Kalypso hands certificates to a container.</summary>
public static class KalypsoContainerExtensions
{
    /// <summary>
    /// Uses <paramref name="profile"/> for this container instead of the one its image name picks:
    /// a built-in one (<see cref="KalypsoContainerProfiles"/>), one of them changed with
    /// <c>with { … }</c>, or your own. Call it before <c>WithKalypsoHttps</c>.
    /// </summary>
    /// <typeparam name="T">A container resource.</typeparam>
    /// <param name="builder">The container.</param>
    /// <param name="profile">The profile.</param>
    /// <returns>The resource builder.</returns>
    /// <exception cref="InvalidOperationException">Kalypso already delivered files to the container with another profile.</exception>
    public static IResourceBuilder<T> WithKalypsoProfile<T>(this IResourceBuilder<T> builder, KalypsoContainerProfile profile)
        where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(profile);
        KalypsoContainerProfileCheck.Validate(profile);
        if (builder.Resource.Annotations.OfType<KalypsoContainerDeliveryAnnotation>().Any())
        {
            throw new InvalidOperationException(
                $"'{builder.Resource.Name}' already gets its Kalypso files with the '{KalypsoContainerProfiles.For(builder.Resource).Name}' profile: call WithKalypsoProfile before WithKalypsoHttps and WithKalypsoTrust.");
        }
        return builder.WithAnnotation(new KalypsoContainerProfileAnnotation(profile), ResourceAnnotationMutationBehavior.Replace);
    }
}
