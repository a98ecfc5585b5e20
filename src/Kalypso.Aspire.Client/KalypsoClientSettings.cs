using Microsoft.Extensions.Configuration;

namespace Kalypso.Aspire.Client;

/// <summary>Fills <see cref="KalypsoClientOptions"/> from configuration in the documented order.</summary>
internal static class KalypsoClientSettings
{
    public static void Fill(KalypsoClientOptions options, IConfiguration configuration)
    {
        configuration.GetSection(KalypsoClientOptions.SectionName).Bind(options);

        options.CaFile ??= Value(configuration, KalypsoEnvironmentVariables.CaFile);
        options.CertFile ??= Value(configuration, KalypsoEnvironmentVariables.CertificateFile);
        options.KeyFile ??= Value(configuration, KalypsoEnvironmentVariables.KeyFile);
        if (options.IssuerUrl is null && Value(configuration, KalypsoEnvironmentVariables.IssuerUrl) is { } url)
        {
            options.IssuerUrl = Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{KalypsoEnvironmentVariables.IssuerUrl} is not an absolute URL: '{url}'.");
        }

        // Kestrel's default certificate (which Aspire sets for https endpoints) is taken over only in
        // a Kalypso setting: elsewhere it is someone else's certificate and Kestrel serves it as usual.
        if (options.CertFile is null && (options.HasTrust || options.IssuerUrl is not null)
            && Value(configuration, "Kestrel:Certificates:Default:Path") is { } kestrelPath)
        {
            options.CertFile = kestrelPath;
            options.KeyFile ??= Value(configuration, "Kestrel:Certificates:Default:KeyPath");
            options.CertPassword ??= Value(configuration, "Kestrel:Certificates:Default:Password");
        }
    }

    private static string? Value(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
