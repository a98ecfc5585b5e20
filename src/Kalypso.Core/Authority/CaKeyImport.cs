using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Core.Authority;

/// <summary>Reads a CA certificate and its unencrypted PEM key (EC or RSA) and checks they belong together.</summary>
internal static class CaKeyImport
{
    private static readonly string[] PrivateKeyLabels = ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

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
        // A key file may hold other blocks before the key: `openssl ecparam -genkey` writes an
        // EC PARAMETERS block first. The first private key block is the key.
        string? firstLabel = null;
        var rest = keyPem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            firstLabel ??= label;
            if (PrivateKeyLabels.Contains(label)) return Import(label, Decode(rest[fields.Base64Data], fields.DecodedDataLength));
            rest = rest[fields.Location.End..];
        }
        throw firstLabel is null
            ? new KalypsoException("The CA key is not in PEM form (no '-----BEGIN ... PRIVATE KEY-----' block).")
            : new KalypsoException($"The CA key PEM block is '{firstLabel}', not a private key.");
    }

    private static byte[] Decode(ReadOnlySpan<char> base64, int length)
    {
        var der = new byte[length];
        if (!Convert.TryFromBase64Chars(base64, der, out var written) || written != length)
        {
            throw new KalypsoException("The CA key's PEM block is not valid base64.");
        }
        return der;
    }

    private static AsymmetricAlgorithm Import(string label, byte[] der)
    {
        switch (label)
        {
            case "ENCRYPTED PRIVATE KEY":
                throw new KalypsoException("The CA key is encrypted; Kalypso needs it unencrypted. Decrypt a copy with: openssl pkey -in KEY -out ca-key.pem");
            case "EC PRIVATE KEY":
                return ImportWith(ECDsa.Create(), ec => ec.ImportECPrivateKey(der, out _), "The CA key's EC PRIVATE KEY block cannot be read");
            case "RSA PRIVATE KEY":
                return ImportWith(RSA.Create(), rsa => rsa.ImportRSAPrivateKey(der, out _), "The CA key's RSA PRIVATE KEY block cannot be read");
            default:
                // PKCS#8 says inside which algorithm it holds; trying EC then RSA reads either.
                try
                {
                    return ImportWith(ECDsa.Create(), ec => ec.ImportPkcs8PrivateKey(der, out _), "");
                }
                catch (KalypsoException)
                {
                    return ImportWith(RSA.Create(), rsa => rsa.ImportPkcs8PrivateKey(der, out _), "The CA key is neither an EC nor an RSA private key");
                }
        }
    }

    private static T ImportWith<T>(T key, Action<T> import, string failure) where T : AsymmetricAlgorithm
    {
        try
        {
            import(key);
            return key;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new KalypsoException(failure + ": " + e.Message, e);
        }
    }
}
