using System.Diagnostics;
using System.Text.Json;

namespace Kalypso.Server.Tests;

/// <summary>Clients nobody here wrote: curl (the documented recipes) checked by openssl, and Python's standard library.</summary>
public sealed class ExternalClientTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private RunningServer Server => shared.Server;

    [Fact]
    public async Task Curl_recipes_issue_files_that_openssl_verifies()
    {
        using var folder = new TempFolder();
        var url = Server.BaseAddress.ToString().TrimEnd('/');
        // The recipes exactly as docs/http-api.md gives them.
        var script = $"""
            set -euo pipefail
            cd '{folder.Path}'
            curl -sf {url}/ca.pem -o kalypso-ca.pem
            curl -sf -X POST {url}/certificates \
              -H 'Content-Type: application/json' \
              -d '{"{"}"domains": ["myapp.localhost", "*.myapp.localhost"], "ip_addresses": ["127.0.0.1"], "hours": 8{"}"}' > response.json
            jq -r .certificate response.json > cert.pem
            jq -r .private_key response.json > key.pem
            jq -r .ca_certificate response.json > ca.pem
            curl -sf -X POST {url}/certificates \
              -H 'Content-Type: application/json' -H 'Accept: application/x-pem-file' \
              -d '{"{"}"domains": ["bundle.localhost"], "lifetime_minutes": 30{"}"}' > bundle.pem
            cmp <(openssl x509 -in kalypso-ca.pem) <(openssl x509 -in ca.pem)
            openssl verify -CAfile kalypso-ca.pem cert.pem
            openssl verify -CAfile kalypso-ca.pem -purpose sslserver bundle.pem
            openssl x509 -in cert.pem -noout -ext subjectAltName
            openssl x509 -in cert.pem -noout -fingerprint -sha256
            # The key belongs to the certificate.
            test "$(openssl pkey -in key.pem -pubout)" = "$(openssl x509 -in cert.pem -noout -pubkey)"
            test "$(openssl pkey -in bundle.pem -pubout)" = "$(openssl x509 -in bundle.pem -noout -pubkey)"
            jq -r .fingerprint response.json
            """;
        var (exit, output) = await RunAsync("bash", "-c", script);
        Assert.True(exit == 0, output);
        Assert.Contains("cert.pem: OK", output);
        Assert.Contains("bundle.pem: OK", output);
        Assert.Contains("DNS:myapp.localhost, DNS:*.myapp.localhost, IP Address:127.0.0.1", output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sha256 Fingerprint=" + lines[^1].Trim(), lines[^2].Trim());
    }

    [Fact]
    public async Task A_stdlib_python_client_issues_and_completes_a_tls_handshake()
    {
        using var folder = new TempFolder();
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "kalypso_client.py");
        var (exit, output) = await RunAsync("python3", script, Server.BaseAddress.ToString(), folder.Path);
        Assert.True(exit == 0, output);
        using var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        Assert.Equal("localhost", report.RootElement.GetProperty("peer_subject").GetProperty("commonName").GetString());
        var san = report.RootElement.GetProperty("san").EnumerateArray().Select(e => $"{e[0]}:{e[1]}").ToArray();
        Assert.Equal(["DNS:localhost", "DNS:python.test", "IP Address:127.0.0.1"], san);
        Assert.Matches(@"\+00:00$", report.RootElement.GetProperty("not_after").GetString()!);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
