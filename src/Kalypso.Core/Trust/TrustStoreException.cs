namespace Kalypso.Core.Trust;

/// <summary>A trust store operation that failed, with the command the user can run instead, when there is one.</summary>
public sealed class TrustStoreException : KalypsoException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="fix">The command the user can run to do it by hand (often with <c>sudo</c>), or <see langword="null"/>.</param>
    public TrustStoreException(string message, string? fix = null) : base(message) => Fix = fix;

    /// <summary>The command the user can run to do it by hand, or <see langword="null"/>.</summary>
    public string? Fix { get; }
}
