using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>A calling service's host: configuration in, IHttpClientFactory out.</summary>
internal sealed class ClientHost : IDisposable
{
    private readonly IHost _host;

    public ClientHost(Dictionary<string, string?> settings, bool addKalypso = true, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        if (addKalypso) builder.AddKalypsoClient();
        builder.Services.AddHttpClient();
        services?.Invoke(builder.Services);
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    public HttpClient Create(string name = "") => _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public void Dispose() => _host.Dispose();
}
