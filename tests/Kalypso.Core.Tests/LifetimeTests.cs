using Kalypso.Core.Authority;

namespace Kalypso.Core.Tests;

/// <summary>Leaf lifetimes: 5 minutes to 7 days, 24 hours by default, refused (never clamped) outside.</summary>
public sealed class LifetimeTests
{
    [Fact]
    public void Bounds_are_five_minutes_to_seven_days_with_a_24_hour_default()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), LeafLifetime.Minimum);
        Assert.Equal(TimeSpan.FromHours(24), LeafLifetime.Default);
        Assert.Equal(TimeSpan.FromDays(7), LeafLifetime.Maximum);
        Assert.Equal(TimeSpan.FromHours(24), LeafLifetime.Validate(null));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(301)]
    [InlineData(3600)]
    [InlineData(86400)]
    [InlineData(604799)]
    [InlineData(604800)]
    public void Lifetimes_within_bounds_are_kept_exactly(int seconds)
    {
        var lifetime = TimeSpan.FromSeconds(seconds);
        Assert.Equal(lifetime, LeafLifetime.Validate(lifetime));
        using var ca = CertificateAuthority.Create();
        using var leaf = ca.Issue(LeafRequest.For("localhost") with { Lifetime = lifetime, KeyAlgorithm = LeafKeyAlgorithm.EcdsaP256 });
        Assert.Equal(lifetime + TimeSpan.FromMinutes(5), leaf.NotAfter - leaf.NotBefore);
    }

    [Theory]
    [InlineData(0, "0 minutes")]
    [InlineData(-3600, "-1 hours")]
    [InlineData(299, "299 seconds")]
    [InlineData(240, "4 minutes")]
    [InlineData(604801, "604801 seconds")]
    [InlineData(8 * 86400, "8 days")]
    [InlineData(169 * 3600, "169 hours")]
    public void Lifetimes_out_of_bounds_are_refused_with_the_bounds_in_the_message(int seconds, string described)
    {
        using var ca = CertificateAuthority.Create();
        var error = Assert.Throws<KalypsoValidationException>(() =>
            ca.Issue(LeafRequest.For("localhost") with { Lifetime = TimeSpan.FromSeconds(seconds) }));

        Assert.Equal("lifetime", error.Field);
        Assert.Equal("lifetime-bounds", error.Rule);
        Assert.Contains(described, error.Message);
        Assert.Contains("at least 5 minutes", error.Message);
        Assert.Contains("at most 7 days", error.Message);
    }
}
