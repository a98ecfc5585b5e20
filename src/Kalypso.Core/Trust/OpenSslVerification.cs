namespace Kalypso.Core.Trust;

/// <summary>Checks a leaf against a CA bundle with <c>openssl verify</c>, as OpenSSL-based clients (curl, Python, Node) would.</summary>
internal static class OpenSslVerification
{
    public static TrustVerification Verify(IProcessRunner runner, string bundlePath, string leafPemPath)
    {
        if (runner.Find("openssl") is null)
        {
            return new TrustVerification(null, "not verified: openssl is not installed");
        }
        var result = runner.Run("openssl", ["verify", "-purpose", "sslserver", "-CAfile", bundlePath, leafPemPath]);
        return result.Succeeded
            ? new TrustVerification(true, $"a fresh leaf passes 'openssl verify' against {bundlePath}")
            : new TrustVerification(false, $"a fresh leaf fails 'openssl verify' against {bundlePath}: {result.Summary}");
    }
}
