namespace Kalypso.Cli.Tests.Support;

/// <summary>Facts about certificate files, read by the real openssl rather than by the code under test.</summary>
public static class Openssl
{
    public static async Task<string> FingerprintAsync(string certificatePath)
    {
        var result = await Tool.RunAsync("openssl", ["x509", "-noout", "-fingerprint", "-sha256", "-in", certificatePath]);
        Assert.Equal(0, result.ExitCode);
        // "sha256 Fingerprint=AB:CD:..." (the label's case varies between OpenSSL versions)
        return result.Stdout.Trim().Split('=', 2)[1];
    }

    public static async Task<string> TextAsync(string certificatePath)
    {
        var result = await Tool.RunAsync("openssl", ["x509", "-noout", "-text", "-in", certificatePath]);
        Assert.Equal(0, result.ExitCode);
        return result.Stdout;
    }

    public static Task<ToolResult> VerifyAsync(string certificatePath, string? caFile) =>
        Tool.RunAsync("openssl", caFile is null
            ? ["verify", "-purpose", "sslserver", certificatePath]
            : ["verify", "-purpose", "sslserver", "-CAfile", caFile, certificatePath]);

    public static string Mode(string path) =>
        "0" + Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8).PadLeft(3, '0');
}
