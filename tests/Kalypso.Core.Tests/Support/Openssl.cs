using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Core.Tests.Support;

/// <summary>The openssl command line, as the tests use it: reading certificates back and verifying chains.</summary>
public static class Openssl
{
    /// <summary>Parses <c>openssl x509 -text -noout</c> for a certificate.</summary>
    public static OpensslCertificateText Text(string pemPath) =>
        OpensslCertificateText.Parse(ToolRunner.Succeed("openssl", "x509", "-in", pemPath, "-text", "-noout").StdOut);

    /// <summary>Writes a certificate to a PEM file in the folder and parses openssl's text for it.</summary>
    public static OpensslCertificateText Text(TempStore temp, X509Certificate2 certificate, string name = "read-back.pem") =>
        Text(temp.Write(name, certificate.ExportCertificatePem()));

    /// <summary>
    /// <c>openssl verify -x509_strict -purpose sslserver</c> with the given root as the only trusted
    /// certificate (the system store is switched off), so success means "chains to this root".
    /// </summary>
    public static ToolResult VerifyServer(string rootPemPath, string leafPemPath) =>
        ToolRunner.Run("openssl", ["verify", "-x509_strict", "-purpose", "sslserver", "-no-CApath", "-no-CAstore", "-CAfile", rootPemPath, leafPemPath]);

    /// <summary>The SHA-256 fingerprint as <c>openssl x509 -fingerprint -sha256</c> prints it, after the '='.</summary>
    public static string Sha256Fingerprint(string pemPath)
    {
        var line = ToolRunner.Succeed("openssl", "x509", "-in", pemPath, "-noout", "-fingerprint", "-sha256").StdOut.Trim();
        return line[(line.IndexOf('=') + 1)..];
    }

    /// <summary>Asserts that openssl verified the chain (exit 0 and "OK").</summary>
    public static void AssertVerified(ToolResult result, string leafPemPath)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{leafPemPath}: OK", result.StdOut.Trim());
    }
}
