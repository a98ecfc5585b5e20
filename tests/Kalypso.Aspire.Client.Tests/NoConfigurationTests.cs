using Kalypso.Aspire.Client.Serving;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>Outside Aspire with nothing set, the call changes nothing and says so once, at debug level.</summary>
public sealed class NoConfigurationTests
{
    [Fact]
    public async Task With_no_setting_it_registers_nothing_and_logs_one_debug_line()
    {
        using var host = await StartAsync(new());

        Assert.Null(host.Services.GetService<KalypsoServedCertificate>());
        Assert.DoesNotContain(host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name.StartsWith("kalypso", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Services.GetServices<IConfigureOptions<KestrelServerOptions>>(), c => c.GetType().Namespace!.StartsWith("Kalypso", StringComparison.Ordinal));
        Assert.Null(PrimaryHandler(host).SslOptions.RemoteCertificateValidationCallback);

        var lines = Logs(host).Lines.Where(l => l.Category.StartsWith("Kalypso", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Contains("doing nothing", line.Message);
    }

    [Fact]
    public async Task With_only_a_CA_file_every_factory_client_gets_the_Kalypso_check_and_nothing_is_served()
    {
        using var folder = new TempFolder();
        using var ca = new TestCa();
        using var host = await StartAsync(new() { ["KALYPSO_CA_FILE"] = ca.WriteRoot(folder) });

        Assert.NotNull(PrimaryHandler(host).SslOptions.RemoteCertificateValidationCallback);
        Assert.NotNull(PrimaryHandler(host, "some-named-client").SslOptions.RemoteCertificateValidationCallback);
        Assert.Null(host.Services.GetService<KalypsoServedCertificate>());
        Assert.DoesNotContain(Logs(host).Lines, l => l.Message.Contains("doing nothing", StringComparison.Ordinal));
    }

    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<CapturingLoggerProvider>();
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace));
        builder.Services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<CapturingLoggerProvider>());
        builder.AddKalypsoClient();
        builder.Services.AddHttpClient("some-named-client");
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private static CapturingLoggerProvider Logs(IHost host) => host.Services.GetRequiredService<CapturingLoggerProvider>();

    private static SocketsHttpHandler PrimaryHandler(IHost host, string name = "")
    {
        HttpMessageHandler handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);
        while (handler is DelegatingHandler delegating) handler = delegating.InnerHandler!;
        return Assert.IsType<SocketsHttpHandler>(handler);
    }
}
