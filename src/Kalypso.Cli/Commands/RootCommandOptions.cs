using System.CommandLine;
using Kalypso.Core;
using Kalypso.Core.Authority;

namespace Kalypso.Cli.Commands;

/// <summary>The options that shape a new root, shared by init and rotate.</summary>
internal sealed class RootCommandOptions
{
    public Option<string?> Organization { get; } = new("--org")
    {
        Description = $"The organization in the root's subject (default: {RootOptions.DefaultOrganization})",
        HelpName = "NAME",
    };

    public Option<int> Days { get; } = new("--days")
    {
        Description = "How many days the root is valid",
        DefaultValueFactory = _ => 3650,
        HelpName = "N",
    };

    public Option<bool> NameConstraints { get; } = new("--name-constraints")
    {
        Description = "Constrain the root to development names (localhost, .test, .example, .invalid, .internal, .local, .home.arpa, private addresses) plus --permit",
    };

    public Option<string[]> Permit { get; } = new("--permit")
    {
        Description = "With --name-constraints: also permit these DNS names, addresses or CIDR ranges",
        HelpName = "NAME",
        AllowMultipleArgumentsPerToken = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Organization);
        command.Options.Add(Days);
        command.Options.Add(NameConstraints);
        command.Options.Add(Permit);
    }

    /// <summary>The root options the command line asks for; <paramref name="fallback"/> supplies the organization and name constraints it leaves out (rotate keeps the old root's).</summary>
    public RootOptions Read(ParseResult parse, RootOptions? fallback = null)
    {
        fallback ??= new RootOptions();
        var permits = parse.GetValue(Permit) ?? [];
        var constrained = parse.GetValue(NameConstraints);
        if (permits.Length > 0 && !constrained)
        {
            throw new KalypsoValidationException("permit", "permit-needs-constraints", "--permit only applies with --name-constraints.");
        }
        var days = parse.GetValue(Days);
        if (days is < 1 or > 36500)
        {
            throw new KalypsoValidationException("days", "root-lifetime-bounds", $"--days {days} is out of bounds: a root lives at least 1 day and at most 36500 days (100 years).");
        }
        return new RootOptions
        {
            Organization = parse.GetValue(Organization) ?? fallback.Organization,
            Lifetime = TimeSpan.FromDays(days),
            NameConstraints = constrained || fallback.NameConstraints,
            Permitted = constrained ? permits : fallback.Permitted,
        };
    }
}
