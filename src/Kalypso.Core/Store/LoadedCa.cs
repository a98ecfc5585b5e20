using Kalypso.Core.Authority;

namespace Kalypso.Core.Store;

/// <summary>A CA loaded from a store, with the warnings loading raised (such as a key file others can read).</summary>
/// <param name="Authority">The CA.</param>
/// <param name="Warnings">Warnings to show the user; loading still succeeded.</param>
public sealed record LoadedCa(CertificateAuthority Authority, IReadOnlyList<string> Warnings);
