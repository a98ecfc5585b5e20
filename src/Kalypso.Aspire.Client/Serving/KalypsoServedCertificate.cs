using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Aspire.Client.Serving;

/// <summary>
/// The certificate Kestrel hands to each new TLS handshake. Swapping it affects only handshakes
/// that start afterwards: connections already open keep the session they negotiated, so nothing
/// is dropped. A replaced certificate is not disposed, because a handshake may still be using it.
/// </summary>
public sealed class KalypsoServedCertificate
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private X509Certificate2? _current;
    private int _rotations;

    /// <summary>The certificate with its private key, or <see langword="null"/> before the first one is loaded.</summary>
    public X509Certificate2? Current => Volatile.Read(ref _current);

    /// <summary>How many times the certificate was replaced after the first one.</summary>
    public int Rotations => Volatile.Read(ref _rotations);

    /// <summary>Where the current certificate came from (a file path or the issuing service's URL).</summary>
    public string? Source { get; private set; }

    /// <summary>Raised after a new certificate takes over, with the new one.</summary>
    public event Action<X509Certificate2>? Changed;

    /// <summary>Completes when the first certificate is in place.</summary>
    public Task FirstLoaded => _first.Task;

    /// <summary>The SHA-256 fingerprint of the current certificate, hex without separators, or <see langword="null"/>.</summary>
    public string? Fingerprint => Current is { } c ? Convert.ToHexString(SHA256.HashData(c.RawData)) : null;

    /// <summary>Puts a certificate in place, unless it is the one already served.</summary>
    /// <param name="certificate">A certificate with its private key.</param>
    /// <param name="source">Where it came from.</param>
    /// <returns>Whether it replaced the served certificate.</returns>
    public bool Replace(X509Certificate2 certificate, string source)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey) throw new ArgumentException("A served certificate needs its private key.", nameof(certificate));
        var previous = Current;
        if (previous is not null && previous.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)) return false;
        Source = source;
        Volatile.Write(ref _current, certificate);
        if (previous is null) _first.TrySetResult();
        else Interlocked.Increment(ref _rotations);
        Changed?.Invoke(certificate);
        return true;
    }
}
