namespace Kalypso.Core.Authority;

/// <summary>How a new root is made.</summary>
public sealed record RootOptions
{
    /// <summary>The organization name used when none is given.</summary>
    public const string DefaultOrganization = "Kalypso Dev CA";

    /// <summary>The root's organization: its subject is <c>O=&lt;organization&gt;, CN=&lt;organization&gt; Root CA</c>.</summary>
    public string Organization { get; init; } = DefaultOrganization;

    /// <summary>How long the root is valid: 10 years by default.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>
    /// Whether the root carries X.509 name constraints, so that it can vouch only for the
    /// development names in <see cref="Profiles.NameConstraintPolicy.DefaultDnsNames"/> and
    /// <see cref="Profiles.NameConstraintPolicy.DefaultNetworks"/> plus <see cref="Permitted"/>. Off by default.
    /// </summary>
    public bool NameConstraints { get; init; }

    /// <summary>Extra names and address ranges a constrained root permits.</summary>
    public IReadOnlyList<string> Permitted { get; init; } = [];
}
