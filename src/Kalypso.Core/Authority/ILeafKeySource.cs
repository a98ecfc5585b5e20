using System.Security.Cryptography;

namespace Kalypso.Core.Authority;

/// <summary>Where leaf keys come from. Each key is handed out once and belongs to the caller.</summary>
public interface ILeafKeySource
{
    /// <summary>A fresh key that no other certificate has used.</summary>
    /// <param name="algorithm">The key's algorithm.</param>
    /// <returns>The key; the caller owns and disposes it.</returns>
    ECDsa Take(LeafKeyAlgorithm algorithm);
}
