namespace Kalypso.Core;

/// <summary>
/// The base of every error Kalypso raises on purpose: its message is written for the person
/// who ran the command or sent the request, and is safe to show as is.
/// </summary>
public class KalypsoException : Exception
{
    /// <summary>Creates an error with a message for the user.</summary>
    /// <param name="message">What went wrong and, where there is one, what to do about it.</param>
    public KalypsoException(string message) : base(message) { }

    /// <summary>Creates an error with a message for the user and the error that caused it.</summary>
    /// <param name="message">What went wrong and, where there is one, what to do about it.</param>
    /// <param name="inner">The underlying error.</param>
    public KalypsoException(string message, Exception inner) : base(message, inner) { }
}
