using System.CommandLine;
using Kalypso.Core.Trust;

namespace Kalypso.Cli;

/// <summary>The options that pick trust stores, shared by trust, untrust, status and rotate.</summary>
internal sealed class TrustOptions
{
    public Option<string> Store { get; } = new("--store")
    {
        Description = "Which stores: system (the OS store), nss (Chromium and every Firefox profile), java (JAVA_HOME's cacerts) or all",
        DefaultValueFactory = _ => "all",
    };

    public Option<string[]> NssDatabases { get; } = new("--nss-db")
    {
        Description = "Use these NSS database folders instead of the browsers' (created if missing)",
        HelpName = "DIR",
    };

    public Option<string?> JavaKeystore { get; } = new("--java-keystore")
    {
        Description = "Use this Java keystore instead of $JAVA_HOME/lib/security/cacerts",
        HelpName = "FILE",
    };

    public TrustOptions() => Store.AcceptOnlyFromAmong("system", "nss", "java", "all");

    public void AddTo(System.CommandLine.Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(NssDatabases);
        command.Options.Add(JavaKeystore);
    }

    public IReadOnlyList<ITrustStore> Stores(ParseResult parse)
    {
        var target = Enum.Parse<TrustTarget>(parse.GetValue(Store) ?? "all", ignoreCase: true);
        var options = new TrustStoreOptions
        {
            NssDatabases = parse.GetValue(NssDatabases) ?? [],
            JavaKeystore = parse.GetValue(JavaKeystore),
        };
        return TrustStoreCatalog.For(target, options);
    }
}
