using Kalypso.Core.Names;

namespace Kalypso.Core.Authority;

/// <summary>What a caller asks a leaf certificate for.</summary>
/// <param name="Names">The validated names the leaf covers.</param>
public sealed record LeafRequest(CertificateNames Names)
{
    /// <summary>The lifetime, or <see langword="null"/> for <see cref="LeafLifetime.Default"/>.</summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>The leaf's key algorithm.</summary>
    public LeafKeyAlgorithm KeyAlgorithm { get; init; } = LeafKeyAlgorithm.EcdsaP384;

    /// <summary>Who asked, for the audit log: a command, a client address, a resource name.</summary>
    public string Requester { get; init; } = "unknown";

    /// <summary>A request for the given DNS names or IP literals, with the defaults for everything else.</summary>
    /// <param name="names">The names.</param>
    /// <returns>The request.</returns>
    /// <exception cref="KalypsoValidationException">A name breaks a rule.</exception>
    public static LeafRequest For(params string[] names) => new(NameParser.Parse(names));
}
