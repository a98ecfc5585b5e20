using System.Security.Cryptography;

namespace Kalypso.Core.Authority;

/// <summary>Random certificate serial numbers: 128 bits from the OS's CSPRNG, positive and minimally encoded.</summary>
public static class SerialNumbers
{
    /// <summary>The length of a serial number in bytes.</summary>
    public const int Length = 16;

    /// <summary>A fresh random serial number, big-endian, with the top bit clear (positive) and a non-zero first byte (minimal DER).</summary>
    /// <returns>The serial's bytes.</returns>
    public static byte[] Next()
    {
        var serial = new byte[Length];
        RandomNumberGenerator.Fill(serial);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
