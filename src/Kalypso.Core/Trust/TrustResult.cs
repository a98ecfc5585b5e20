namespace Kalypso.Core.Trust;

/// <summary>One row of the trust table: what happened in one store.</summary>
/// <param name="Store">The kind of store: <c>system</c>, <c>nss</c> or <c>java</c>.</param>
/// <param name="Location">Which store exactly: a folder, a database, a keystore file.</param>
/// <param name="State">Where the root stands in it now.</param>
/// <param name="Detail">What was done and checked, or why it was skipped or failed.</param>
/// <param name="Fix">For a failure, the command to run by hand; otherwise <see langword="null"/>.</param>
public sealed record TrustResult(string Store, string Location, TrustState State, string Detail, string? Fix = null);
