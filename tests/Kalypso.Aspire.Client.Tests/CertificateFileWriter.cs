using Kalypso.Core.Authority;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// Writes a leaf's certificate and key to their files in place, in two halves with pauses between,
/// the way a slow writer does: a watcher sees torn files and a key that does not match the
/// certificate before it sees the finished pair.
/// </summary>
internal static class CertificateFileWriter
{
    public static void WriteAtOnce(IssuedCertificate leaf, string certFile, string keyFile)
    {
        File.WriteAllText(keyFile, leaf.PrivateKeyPem);
        File.WriteAllText(certFile, leaf.FullChainPem);
    }

    public static async Task WriteSlowlyAsync(IssuedCertificate leaf, string certFile, string keyFile, TimeSpan pause)
    {
        await WriteInHalvesAsync(keyFile, leaf.PrivateKeyPem, pause);
        await Task.Delay(pause);
        await WriteInHalvesAsync(certFile, leaf.FullChainPem, pause);
    }

    private static async Task WriteInHalvesAsync(string path, string text, TimeSpan pause)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        var half = bytes.Length / 2;
        await stream.WriteAsync(bytes.AsMemory(0, half));
        await stream.FlushAsync();
        await Task.Delay(pause);
        await stream.WriteAsync(bytes.AsMemory(half));
        await stream.FlushAsync();
    }
}
