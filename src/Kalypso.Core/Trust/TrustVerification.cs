namespace Kalypso.Core.Trust;

/// <summary>The outcome of checking that a store really trusts a freshly issued leaf.</summary>
/// <param name="Verified"><see langword="true"/> when the leaf verified, <see langword="false"/> when it did not, <see langword="null"/> when it could not be checked.</param>
/// <param name="Detail">How it was checked, or why it failed or could not be.</param>
public sealed record TrustVerification(bool? Verified, string Detail);
