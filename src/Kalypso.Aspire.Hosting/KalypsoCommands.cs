using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>The dashboard commands Kalypso adds.</summary>
internal static class KalypsoCommands
{
    public const string ReissueCommandName = "kalypso-reissue";
    public const string TrustHelpCommandName = "kalypso-trust-help";

    public static void AddReissue<T>(IResourceBuilder<T> builder, KalypsoCertificateAnnotation certificate) where T : IResource =>
        builder.WithCommand(ReissueCommandName, "Re-issue certificate", async context =>
        {
            var service = context.Services.GetRequiredService<KalypsoCertificateService>();
            var delivered = await service.DeliverAsync(builder.Resource, certificate, "re-issued by hand", context.CancellationToken).ConfigureAwait(false);
            return delivered ? CommandResults.Success() : CommandResults.Failure(certificate.Error);
        }, new CommandOptions
        {
            Description = "Issue a new Kalypso certificate for this resource. A resource that renews in place takes it without a restart; any other is restarted to load it.",
            IconName = "CertificateRegular",
            UpdateState = _ => certificate.Kalypso.CertificateAuthority.IsLoaded && certificate.Names is not null ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });

    public static void AddTrustHelp(IResourceBuilder<KalypsoResource> builder) =>
        builder.WithCommand(TrustHelpCommandName, "How to trust the CA", context =>
        {
            var kalypso = builder.Resource;
            var log = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(kalypso);
            if (kalypso.CertificateAuthority.Error is { } error)
            {
                return Task.FromResult(CommandResults.Failure(error.Message));
            }
            var dataDir = kalypso.DataDirectory is null ? "" : $" --data-dir '{kalypso.StoreDirectory}'";
            log.LogInformation(
                "The services in this app already trust the Kalypso CA (SHA-256 {Fingerprint}). For browsers and tools on this machine, run: kalypso trust{DataDir}   (the root certificate is {Path})",
                kalypso.CertificateAuthority.Authority.Fingerprint, dataDir, kalypso.CertificateAuthority.Store.CertificatePath);
            return Task.FromResult(CommandResults.Success());
        }, new CommandOptions
        {
            Description = "Print, in this resource's log, the command that makes browsers and tools on this machine trust the Kalypso CA.",
            IconName = "ShieldCheckmarkRegular",
        });
}
