using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Core.Authority;

/// <summary>Reads a CA certificate and its unencrypted PEM key (EC or RSA) and checks they belong together.</summary>
internal static class CaKeyImport
{
    public static X509Certificate2 Read(string certificatePem, string keyPem)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            throw new KalypsoException("The CA certificate is not a PEM certificate: " + e.Message, e);
        }

        using (certificate)
        {
            var key = ReadKey(keyPem);
            try
            {
                return key switch
                {
                    ECDsa ec => certificate.CopyWithPrivateKey(ec),
                    RSA rsa => certificate.CopyWithPrivateKey(rsa),
                    _ => throw new KalypsoException("The CA key is neither an EC nor an RSA key."),
                };
            }
            catch (ArgumentException)
            {
                throw new KalypsoException("The CA key does not match the CA certificate: its public key is different.");
            }
            catch (CryptographicException)
            {
                throw new KalypsoException("The CA key does not match the CA certificate: its public key is different.");
            }
            finally
            {
                key.Dispose();
            }
        }
    }

    private static AsymmetricAlgorithm ReadKey(string keyPem)
    {
        if (!PemEncoding.TryFind(keyPem, out var fields))
        {
            throw new KalypsoException("The CA key is not in PEM form (no '-----BEGIN ... PRIVATE KEY-----' block).");
        }
        var label = keyPem.AsSpan()[fields.Label].ToString();
        if (label == "ENCRYPTED PRIVATE KEY")
        {
            throw new KalypsoException("The CA key is encrypted; Kalypso needs it unencrypted. Decrypt a copy with: openssl pkey -in KEY -out ca-key.pem");
        }
        if (label is not ("PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY"))
        {
            throw new KalypsoException($"The CA key PEM block is '{label}', not a private key.");
        }

        if (label != "RSA PRIVATE KEY")
        {
            var ec = ECDsa.Create();
            try
            {
                ec.ImportFromPem(keyPem);
                return ec;
            }
            catch (CryptographicException)
            {
                ec.Dispose();
                if (label == "EC PRIVATE KEY") throw new KalypsoException("The CA key's EC PRIVATE KEY block cannot be read.");
            }
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(keyPem);
            return rsa;
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw new KalypsoException("The CA key is neither an EC nor an RSA private key: " + e.Message, e);
        }
    }
}
