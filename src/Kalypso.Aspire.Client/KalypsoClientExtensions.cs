using System.Net.Security;
using Kalypso.Aspire.Client;
using Kalypso.Aspire.Client.Health;
using Kalypso.Aspire.Client.Serving;
using Kalypso.Aspire.Client.Trust;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds Kalypso to a service: trust for outgoing HTTPS and a renewing certificate for Kestrel.</summary>
public static class KalypsoClientExtensions
{
    /// <summary>
    /// Makes every <see cref="IHttpClientFactory"/> client trust the Kalypso root besides the system
    /// roots, serves the Kalypso certificate from Kestrel and takes renewed certificates in place,
    /// and adds the <c>kalypso-certificate</c> health check. Reads <c>KALYPSO_CA_FILE</c>,
    /// <c>KALYPSO_CERT_FILE</c>, <c>KALYPSO_KEY_FILE</c>, <c>KALYPSO_URL</c> and the
    /// <c>Kalypso:Client</c> section; with none of them set it does nothing but log one debug line.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="configure">Changes the options after configuration is read.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddKalypsoClient(this IHostApplicationBuilder builder, Action<KalypsoClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(KalypsoClientMarker))) return builder;
        services.AddSingleton<KalypsoClientMarker>();

        var configuration = builder.Configuration;
        var resolved = new KalypsoClientOptions();
        KalypsoClientSettings.Fill(resolved, configuration);
        configure?.Invoke(resolved);
        services.AddOptions<KalypsoClientOptions>().Configure(options =>
        {
            KalypsoClientSettings.Fill(options, configuration);
            configure?.Invoke(options);
        });

        if (!resolved.HasTrust && !resolved.HasServedCertificate)
        {
            services.AddHostedService<KalypsoClientInactiveNotice>();
            return builder;
        }

        services.TryAddSingleton(TimeProvider.System);
        if (resolved.HasTrust && resolved.TrustHttpClients) AddTrust(services);
        if (resolved.HasServedCertificate) AddServedCertificate(services, resolved);
        return builder;
    }

    private static void AddTrust(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new KalypsoRootCertificates(
            sp.GetRequiredService<IOptions<KalypsoClientOptions>>().Value.CaFile!,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kalypso.Aspire.Client")));
        services.TryAddSingleton<KalypsoServerCertificateValidator>();
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler((handler, sp) =>
        {
            var validator = sp.GetRequiredService<KalypsoServerCertificateValidator>();
            switch (handler)
            {
                case SocketsHttpHandler sockets:
                    sockets.SslOptions.RemoteCertificateValidationCallback = Combine(sockets.SslOptions.RemoteCertificateValidationCallback, validator);
                    break;
                case HttpClientHandler classic:
                    var previous = classic.ServerCertificateCustomValidationCallback;
                    classic.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                        (previous is not null && previous(message, certificate, chain, errors)) || validator.Validate(certificate, chain, errors);
                    break;
            }
        }));
    }

    // A callback the application set itself still gets its say; Kalypso only adds a way to accept.
    private static RemoteCertificateValidationCallback Combine(RemoteCertificateValidationCallback? previous, KalypsoServerCertificateValidator validator) =>
        previous is null
            ? validator.AsCallback()
            : (sender, certificate, chain, errors) => previous(sender, certificate, chain, errors) || validator.Validate(certificate, chain, errors);

    private static void AddServedCertificate(IServiceCollection services, KalypsoClientOptions resolved)
    {
        services.TryAddSingleton<KalypsoServedCertificate>();
        if (!string.IsNullOrWhiteSpace(resolved.CertFile))
        {
            services.AddHostedService<CertificateFileWatcher>();
        }
        else
        {
            services.AddHttpClient(IssuerCertificateRenewer.HttpClientName);
            services.AddHostedService<IssuerCertificateRenewer>();
        }
        if (resolved.ConfigureKestrel)
        {
            services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelCertificateSelection>();
        }
        services.AddHealthChecks().AddCheck<KalypsoCertificateHealthCheck>(KalypsoCertificateHealthCheck.Name);
    }

    private sealed class KalypsoClientMarker;
}
