using System.Security.Cryptography.X509Certificates;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Microsoft.Extensions.Time.Testing;

namespace Kalypso.Core.Tests;

public sealed class LeafIssuanceTests
{
    [Fact]
    public void Leaf_covers_exactly_the_requested_names_and_chains_to_the_root()
    {
        using var ca = CertificateAuthority.Create();
        using var leaf = ca.Issue(new LeafRequest(NameParser.Parse(["api.test", "localhost"], ["127.0.0.1"])));

        var san = leaf.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["api.test", "localhost"], san.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1"], san.EnumerateIPAddresses().Select(ip => ip.ToString()));
        Assert.Equal("CN=api.test", leaf.Certificate.Subject);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf.Certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void Lifetime_out_of_bounds_is_refused_not_clamped()
    {
        using var ca = CertificateAuthority.Create();
        var tooLong = Assert.Throws<KalypsoValidationException>(() =>
            ca.Issue(LeafRequest.For("localhost") with { Lifetime = TimeSpan.FromHours(169) }));
        Assert.Equal("lifetime", tooLong.Field);
        Assert.Contains("7 days", tooLong.Message);
    }

    [Fact]
    public void Validity_follows_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var ca = CertificateAuthority.Create(time: clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var leaf = ca.Issue(LeafRequest.For("localhost") with { Lifetime = TimeSpan.FromMinutes(30) });

        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(30), leaf.NotAfter);
        Assert.Equal(clock.GetUtcNow() - LeafLifetime.BackdateForClockSkew, leaf.NotBefore);
    }
}
