namespace Kalypso.Cli;

/// <summary>What <c>kalypso</c> exits with.</summary>
internal static class ExitCodes
{
    /// <summary>It did what was asked.</summary>
    public const int Success = 0;

    /// <summary>It could not: no CA, an unsafe key, a store that failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line or a value in it was wrong.</summary>
    public const int BadInput = 2;
}
