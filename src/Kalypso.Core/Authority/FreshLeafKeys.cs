using System.Security.Cryptography;

namespace Kalypso.Core.Authority;

/// <summary>Generates each leaf key when it is asked for.</summary>
public sealed class FreshLeafKeys : ILeafKeySource
{
    /// <summary>The shared instance.</summary>
    public static readonly FreshLeafKeys Instance = new();

    /// <inheritdoc />
    public ECDsa Take(LeafKeyAlgorithm algorithm) => Generate(algorithm);

    /// <summary>Generates a key of the given algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>A new key.</returns>
    public static ECDsa Generate(LeafKeyAlgorithm algorithm) => ECDsa.Create(algorithm switch
    {
        LeafKeyAlgorithm.EcdsaP256 => ECCurve.NamedCurves.nistP256,
        _ => ECCurve.NamedCurves.nistP384,
    });
}
