namespace Kalypso.Core.Tests.Support;

/// <summary>
/// Makes CA certificates the way people outside Kalypso do, with <c>openssl req -x509</c> and a
/// config naming exactly the extensions wanted (as mkcert, a corporate dev CA or the original
/// Python Kalypso would have them).
/// </summary>
public static class OpensslCa
{
    public sealed record Files(string CertificatePath, string KeyPath)
    {
        public string CertificatePem => File.ReadAllText(CertificatePath);
        public string KeyPem => File.ReadAllText(KeyPath);
    }

    /// <param name="folder">Where to write the files.</param>
    /// <param name="name">A file name stem.</param>
    /// <param name="subject">Such as <c>/O=Acme/CN=Acme Dev CA</c>.</param>
    /// <param name="newKey">The key: <c>rsa:3072</c>, <c>ec:P-256</c> or <c>ec:P-384</c>; or an existing key file with <paramref name="existingKey"/>.</param>
    /// <param name="extensions">Lines of the x509 extension section, such as <c>basicConstraints = critical,CA:TRUE</c>.</param>
    /// <param name="digest">The signature digest.</param>
    /// <param name="existingKey">Sign with this key file instead of making one.</param>
    public static Files Make(string folder, string name, string subject, string newKey, IEnumerable<string> extensions, string digest = "sha256", string? existingKey = null)
    {
        var config = Path.Combine(folder, name + ".cnf");
        File.WriteAllText(config, "[req]\ndistinguished_name = dn\nx509_extensions = ext\n[dn]\n[ext]\n" + string.Join('\n', extensions) + "\n");
        var cert = Path.Combine(folder, name + "-cert.pem");
        var key = existingKey ?? Path.Combine(folder, name + "-key.pem");
        var arguments = new List<string> { "req", "-x509", "-config", config, "-subj", subject, "-days", "365", "-" + digest, "-out", cert };
        if (existingKey is not null)
        {
            arguments.AddRange(["-key", existingKey]);
        }
        else
        {
            arguments.AddRange(["-nodes", "-keyout", key, "-newkey", newKey.StartsWith("ec:", StringComparison.Ordinal) ? "ec" : newKey]);
            if (newKey.StartsWith("ec:", StringComparison.Ordinal)) arguments.AddRange(["-pkeyopt", "ec_paramgen_curve:" + newKey[3..]]);
        }
        ToolRunner.Succeed("openssl", [.. arguments]);
        return new Files(cert, key);
    }

    /// <summary>Rewrites a key file in another PEM form with <c>openssl pkey</c> and returns the new path.</summary>
    public static string Convert(string keyPath, string suffix, params string[] options)
    {
        var output = keyPath.Replace(".pem", "-" + suffix + ".pem", StringComparison.Ordinal);
        ToolRunner.Succeed("openssl", ["pkey", "-in", keyPath, "-out", output, .. options]);
        return output;
    }
}
