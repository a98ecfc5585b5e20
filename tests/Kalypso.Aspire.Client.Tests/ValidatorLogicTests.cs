using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Aspire.Client.Trust;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// The decision table of the validator: what the platform accepted stays accepted (the system-trusted
/// path), and only a chain error is ever reconsidered against the Kalypso root.
/// </summary>
public sealed class ValidatorLogicTests : IDisposable
{
    private readonly TestCa _ca = new();
    private readonly TestCa _other = new();

    private KalypsoServerCertificateValidator Validator() => new(new KalypsoRootCertificates([_ca.Authority.Certificate]), TimeProvider.System);

    [Fact]
    public void What_the_system_accepted_is_accepted_without_consulting_the_Kalypso_root()
    {
        // A certificate the Kalypso root did not sign: if the system store trusts it, so do we.
        using var leaf = _other.Issue("localhost");
        var validator = new KalypsoServerCertificateValidator(new KalypsoRootCertificates(new X509Certificate2Collection()), TimeProvider.System);

        Assert.True(validator.Validate(leaf.Certificate, null, SslPolicyErrors.None));
    }

    [Fact]
    public void A_chain_error_is_forgiven_only_for_a_Kalypso_leaf()
    {
        using var ours = _ca.Issue("localhost");
        using var theirs = _other.Issue("localhost");

        Assert.True(Validator().Validate(ours.Certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(Validator().Validate(theirs.Certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Theory]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch)]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors)]
    [InlineData(SslPolicyErrors.RemoteCertificateNotAvailable)]
    public void Name_errors_and_missing_certificates_are_never_forgiven(SslPolicyErrors errors)
    {
        using var ours = _ca.Issue("localhost");

        Assert.False(Validator().Validate(ours.Certificate, null, errors));
    }

    [Fact]
    public void No_certificate_is_refused()
    {
        Assert.False(Validator().Validate(null, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void The_Kalypso_root_check_uses_the_clock_it_is_given()
    {
        using var ours = _ca.Issue(TimeSpan.FromMinutes(5), "localhost");
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10));
        var validator = new KalypsoServerCertificateValidator(new KalypsoRootCertificates([_ca.Authority.Certificate]), later);

        Assert.False(validator.Validate(ours.Certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _other.Dispose();
    }
}
