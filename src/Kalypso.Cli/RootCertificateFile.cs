using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core;
using Kalypso.Core.Store;

namespace Kalypso.Cli;

/// <summary>Reads a store's root certificate without its key: untrust and rotate must work even when the key is lost or damaged.</summary>
internal static class RootCertificateFile
{
    public static X509Certificate2 Read(CaStore store)
    {
        if (!File.Exists(store.CertificatePath)) throw new KalypsoException($"No CA certificate in {store.Directory}. Create a CA with 'kalypso init'.");
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(store.CertificatePath));
        }
        catch (CryptographicException e)
        {
            throw new KalypsoException($"{store.CertificatePath} is not a PEM certificate: {e.Message}", e);
        }
    }
}
