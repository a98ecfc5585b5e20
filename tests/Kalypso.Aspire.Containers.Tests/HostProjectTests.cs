using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Kalypso.Aspire.Containers.Tests;

/// <summary>
/// A project on the host and a container call each other over HTTPS, each with its Kalypso
/// certificate and each trusting only the Kalypso root: the container reaches the host through
/// the host alias Aspire gives it, the host reaches the container on its mapped port.
/// </summary>
[Collection(nameof(ContainerTests))]
public sealed class HostProjectTests(PodmanImages images, ITestOutputHelper output)
{
    private const string ClientScript = """
        url="${services__peer__https__0:-}"
        echo "peer url: $url"
        [ -n "$url" ] || { echo "FAILED no url for peer"; exit 1; }
        body=$(curl -sS --fail --retry 30 --retry-connrefused --retry-all-errors --retry-delay 1 --max-time 10 "$url/") || { echo "FAILED curl $url"; exit 1; }
        echo "OK container to host: $body"
        """;

    [Fact]
    public async Task A_host_project_and_a_container_call_each_other_over_https_trusting_only_the_Kalypso_root()
    {
        var ct = TestContext.Current.CancellationToken;
        output.WriteLine(images.BuildOutput);
        await using var app = new ContainerApp();
        // Aspire's container tunnel builds its image from a base image in a public registry,
        // which these machines cannot reach; without it, containers reach the host directly
        // through the runtime's host alias.
        app.Builder.Configuration["ASPIRE_ENABLE_CONTAINER_TUNNEL"] = "false";
        var web = app.Nginx("web").WithKalypsoHttps(app.Kalypso);
        // The host alias names the host machine, whose services all share it: it goes on the
        // certificate of a service that containers call.
        var peer = app.Builder.AddProject<Projects.Kalypso_TestApps_ContainerPeer>("peer")
            .WithKalypsoHttps(app.Kalypso, HostAliases)
            // Without the tunnel a container reaches the host on the container network's gateway
            // address. Aspire's proxy binds only the addresses that exist when it starts, before
            // that network does, so the project listens itself, unproxied, beyond loopback.
            .WithEndpoint("https", e => { e.TargetHost = "0.0.0.0"; e.IsProxied = false; })
            .WithReference(web.GetEndpoint("https"))
            .WithHttpHealthCheck("/health", endpointName: "https");
        var client = app.Client("client", ClientScript).WithKalypsoTrust(app.Kalypso)
            .WithReference(peer.GetEndpoint("https")).WaitFor(peer);

        await app.StartAsync(ct);
        var (exitCode, clientOutput) = await app.WaitForExitAsync(client.Resource, TimeSpan.FromMinutes(2), ct);
        output.WriteLine($"client exit {exitCode}:\n{clientOutput}");
        Assert.Equal(0, exitCode);
        Assert.Contains("OK container to host: hello from the host", clientOutput);

        // The other way: the AppHost asks the project to call the container; the project's own
        // HttpClient validates nginx's certificate against the root Aspire gave it.
        using var http = app.App.CreateHttpClient("peer", "https");
        var reply = await http.GetStringAsync("/call/web", ct);
        output.WriteLine(reply);
        Assert.Contains("Welcome to nginx", reply);
        Assert.StartsWith("host got from https://", reply);
    }

    private static readonly string[] HostAliases = ["host.containers.internal", "host.docker.internal", "aspire.dev.internal"];
}
