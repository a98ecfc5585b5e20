namespace Kalypso.Cli.Tests.Support;

/// <summary>A real NSS database, created and read with the real certutil.</summary>
public static class Nss
{
    public static async Task CreateAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var result = await Tool.RunAsync("certutil", ["-N", "-d", "sql:" + directory, "--empty-password"]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>The trust attributes certutil -L lists for a nickname, or null when it is not there.</summary>
    public static async Task<string?> TrustOfAsync(string directory, string nickname)
    {
        var result = await Tool.RunAsync("certutil", ["-L", "-d", "sql:" + directory]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n').Where(l => l.StartsWith(nickname + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count <= 1, $"{nickname} is listed {lines.Count} times:\n{result.Stdout}");
        return lines.Count == 0 ? null : lines[0][nickname.Length..].Trim();
    }

    /// <summary>The SHA-256 fingerprint of the certificate stored under a nickname, as openssl reads it.</summary>
    public static async Task<string> FingerprintOfAsync(string directory, string nickname, string scratch)
    {
        var result = await Tool.RunAsync("certutil", ["-L", "-d", "sql:" + directory, "-n", nickname, "-a"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Path.Combine(scratch, "from-nss.pem");
        File.WriteAllText(file, result.Stdout);
        return await Openssl.FingerprintAsync(file);
    }
}
