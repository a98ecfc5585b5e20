namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// How to hand a Kalypso certificate to one kind of server image: where the files go, which user
/// must own them, which port serves TLS, the arguments, environment and configuration files that
/// make the server use them, and how it reloads them. Chosen by image name
/// (<see cref="KalypsoContainerProfiles.For(string)"/>) or set with
/// <see cref="KalypsoContainerExtensions.WithKalypsoProfile{T}"/>; a record, so an author can
/// start from a built-in one with <c>with { … }</c>.
/// </summary>
public sealed record KalypsoContainerProfile
{
    /// <summary>The certificate chain's file name inside <see cref="Directory"/>.</summary>
    public const string CertificateFileName = "tls.crt";

    /// <summary>The private key's file name inside <see cref="Directory"/>.</summary>
    public const string KeyFileName = "tls.key";

    /// <summary>The Kalypso root's file name inside <see cref="Directory"/>.</summary>
    public const string CaFileName = "ca.crt";

    /// <summary>The combined chain-and-key file's name inside <see cref="Directory"/>.</summary>
    public const string CertificateWithKeyFileName = "tls.pem";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The profile's name, shown in logs and the dashboard (<c>nginx</c>, <c>generic</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The image repositories this profile is chosen for, as <see cref="ContainerImageName.Repository(string)"/> reads them.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>The absolute folder inside the container that receives the certificate, key and root.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The user id that owns the files: the user the server reads its key as (root for servers
    /// whose master process reads it before dropping privileges).
    /// </summary>
    public int FileOwner { get; init; }

    /// <summary>The group id that owns the files.</summary>
    public int FileGroup { get; init; }

    /// <summary>The key's mode: only its owner may read it unless set otherwise.</summary>
    public UnixFileMode KeyMode { get; init; } = OwnerOnly;

    /// <summary>
    /// The port inside the container that serves TLS when the resource has no https endpoint yet:
    /// an https endpoint with this target port is added. <see langword="null"/> for servers whose
    /// own endpoint becomes TLS (Redis, PostgreSQL): then <see cref="ServicePort"/> applies.
    /// </summary>
    public int? HttpsPort { get; init; }

    /// <summary>The port the server's own endpoint listens on, for profiles that add no https endpoint.</summary>
    public int? ServicePort { get; init; }

    /// <summary>Whether the server wants the chain and key in one file (<see cref="CertificateWithKeyFileName"/>).</summary>
    public bool NeedsCertificateWithKey { get; init; }

    /// <summary>
    /// The container's arguments (replacing the image's command, as container arguments do), or
    /// <see langword="null"/> to leave the image's command alone.
    /// </summary>
    public Func<KalypsoContainerContext, IReadOnlyList<string>>? Arguments { get; init; }

    /// <summary>Environment variables beyond <c>KALYPSO_CERT_FILE</c>, <c>KALYPSO_KEY_FILE</c> and <c>KALYPSO_CA_FILE</c>.</summary>
    public Func<KalypsoContainerContext, IReadOnlyDictionary<string, string>>? Environment { get; init; }

    /// <summary>Configuration files that make the server use the certificate.</summary>
    public Func<KalypsoContainerContext, IReadOnlyList<KalypsoContainerFile>>? Files { get; init; }

    /// <summary>
    /// The command, run inside the container, that makes the server read rewritten certificate
    /// files without a restart; <see langword="null"/> when it has none.
    /// </summary>
    public IReadOnlyList<string>? ReloadCommand { get; init; }

    /// <summary>Whether the server notices rewritten certificate files by itself (Traefik's file provider).</summary>
    public bool ReloadsByItself { get; init; }

    /// <summary>The context for a container whose TLS port is <paramref name="port"/>.</summary>
    /// <param name="resourceName">The resource's name.</param>
    /// <param name="port">The TLS port inside the container.</param>
    /// <returns>The paths and port the profile's callbacks see.</returns>
    public KalypsoContainerContext ContextFor(string resourceName, int port)
    {
        var directory = Directory.TrimEnd('/');
        return new KalypsoContainerContext(
            resourceName,
            port,
            $"{directory}/{CertificateFileName}",
            $"{directory}/{KeyFileName}",
            $"{directory}/{CaFileName}",
            $"{directory}/{CertificateWithKeyFileName}");
    }

    /// <summary>
    /// Every environment variable the container gets: the three Kalypso paths, then the profile's own.
    /// </summary>
    /// <param name="context">The container's context.</param>
    /// <returns>The variables.</returns>
    public IReadOnlyDictionary<string, string> EnvironmentFor(KalypsoContainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KalypsoEnvironmentVariables.CertificateFile] = context.CertificatePath,
            [KalypsoEnvironmentVariables.KeyFile] = context.KeyPath,
            [KalypsoEnvironmentVariables.CaFile] = context.CaPath,
        };
        if (Environment is not null)
        {
            foreach (var (name, value) in Environment(context)) variables[name] = value;
        }
        return variables;
    }
}
