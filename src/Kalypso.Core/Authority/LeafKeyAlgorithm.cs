namespace Kalypso.Core.Authority;

/// <summary>The key a leaf is issued with. The root is always P-384.</summary>
public enum LeafKeyAlgorithm
{
    /// <summary>ECDSA on NIST P-384, the default.</summary>
    EcdsaP384,

    /// <summary>ECDSA on NIST P-256, for clients that cannot do P-384 (such as older Envoy).</summary>
    EcdsaP256,
}
