using System.Security.Cryptography;
using System.Threading.Channels;

namespace Kalypso.Core.Authority;

/// <summary>
/// Fresh P-384 keys generated ahead of time on a background task, so an issuance costs one
/// signature rather than a key generation. The pool is bounded, keeps keys only in memory, and
/// hands each key out exactly once; when it runs dry a key is generated on the spot.
/// P-256 keys (rare) are always generated on the spot.
/// </summary>
public sealed class LeafKeyPool : ILeafKeySource, IDisposable
{
    private readonly Channel<ECDsa> _keys;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _filler;

    /// <summary>Starts filling a pool.</summary>
    /// <param name="capacity">How many keys to keep ready.</param>
    public LeafKeyPool(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _keys = Channel.CreateBounded<ECDsa>(new BoundedChannelOptions(capacity) { SingleReader = false, SingleWriter = true });
        _filler = Task.Run(FillAsync);
    }

    /// <summary>How many keys the pool keeps ready.</summary>
    public int Capacity { get; }

    /// <summary>How many keys are ready now.</summary>
    public int Ready => _keys.Reader.Count;

    /// <inheritdoc />
    public ECDsa Take(LeafKeyAlgorithm algorithm)
    {
        if (algorithm == LeafKeyAlgorithm.EcdsaP384 && _keys.Reader.TryRead(out var key)) return key;
        return FreshLeafKeys.Generate(algorithm);
    }

    /// <summary>Waits until the pool is full or the timeout passes; useful before a benchmark.</summary>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns>Whether the pool is full.</returns>
    public async Task<bool> WaitUntilFullAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Ready < Capacity && DateTime.UtcNow < deadline) await Task.Delay(10).ConfigureAwait(false);
        return Ready >= Capacity;
    }

    /// <summary>Stops filling and disposes every key not handed out.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try { _filler.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        while (_keys.Reader.TryRead(out var key)) key.Dispose();
        _stop.Dispose();
    }

    private async Task FillAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var key = FreshLeafKeys.Generate(LeafKeyAlgorithm.EcdsaP384);
                try
                {
                    await _keys.Writer.WriteAsync(key, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    key.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
