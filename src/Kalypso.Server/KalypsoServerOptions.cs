namespace Kalypso.Server;

/// <summary>How the issuing service runs: where it listens, which Host names it answers to, which store it issues from.</summary>
public sealed record KalypsoServerOptions
{
    /// <summary>The port the original Kalypso service listens on.</summary>
    public const int DefaultPort = 8200;

    /// <summary>The address bound when none is given: IPv4 loopback only.</summary>
    public const string DefaultBind = "127.0.0.1";

    /// <summary>The largest request body accepted, in bytes, when none is configured.</summary>
    public const int DefaultMaxRequestBodyBytes = 16 * 1024;

    /// <summary>The TCP port; 0 picks any free port (read the bound URL from <see cref="KalypsoServer.ListeningUrls"/> or the log).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The address to bind: <c>127.0.0.1</c> by default; <c>localhost</c>, <c>::1</c> or any loopback address; anything else needs <see cref="AllowNonLoopback"/>.</summary>
    public string Bind { get; init; } = DefaultBind;

    /// <summary>Whether binding a non-loopback address is allowed. Off by default: the API has no authentication.</summary>
    public bool AllowNonLoopback { get; init; }

    /// <summary>
    /// Host names (or IP literals) accepted in the <c>Host</c> header besides the loopback names,
    /// such as the names containers use to reach the service. Everything else is refused, which
    /// defeats DNS rebinding.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The CA store folder; <c>KALYPSO_DATA_DIR</c> or <c>~/.kalypso</c> when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Whether to create a CA when the store has none (the service then logs that it must be trusted).</summary>
    public bool CreateCaIfMissing { get; init; } = true;

    /// <summary>How many leaf keys the background pool keeps ready; 0 turns the pool off.</summary>
    public int KeyPoolSize { get; init; } = 64;

    /// <summary>The largest request body accepted, in bytes; bigger bodies get 413.</summary>
    public int MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>Whether each issuance is logged at Information level (names, serial, not-after, fingerprint, client address).</summary>
    public bool LogIssuances { get; init; } = true;

    /// <summary>The clock the CA reads; the system clock when null.</summary>
    public TimeProvider? Time { get; init; }
}
