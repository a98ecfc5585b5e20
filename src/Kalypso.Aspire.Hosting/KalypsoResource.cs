using Kalypso.Core.Authority;
using Kalypso.Core.Store;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The Kalypso issuing service, run as a process by the AppHost, and the local development CA
/// behind it. The AppHost issues each resource's certificate from the same CA while it builds
/// the model; the service issues certificates to anything else that asks at run time.
/// </summary>
public sealed class KalypsoResource : ExecutableResource
{
    /// <summary>The name of the service's HTTP endpoint.</summary>
    public const string HttpEndpointName = "http";

    private string? _dataDirectory;
    private TimeSpan _leafLifetime = Kalypso.Core.Authority.LeafLifetime.Default;
    private string _organization = RootOptions.DefaultOrganization;

    /// <summary>Creates the resource.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="time">The clock the CA and the renewal read.</param>
    public KalypsoResource(string name, TimeProvider time)
        : base(name, KalypsoServerLocation.DotnetHost, AppContext.BaseDirectory)
    {
        CertificateAuthority = new KalypsoAuthority(this, time);
    }

    /// <summary>The store folder, or <see langword="null"/> for <c>KALYPSO_DATA_DIR</c> or <c>~/.kalypso</c>.</summary>
    public string? DataDirectory
    {
        get => _dataDirectory;
        internal set => _dataDirectory = Settable(value);
    }

    /// <summary>The resolved store folder.</summary>
    public string StoreDirectory => CaStore.Open(DataDirectory).Directory;

    /// <summary>How long each resource's certificate lives: 24 hours unless set.</summary>
    public TimeSpan LeafLifetime
    {
        get => _leafLifetime;
        internal set => _leafLifetime = Settable(value);
    }

    /// <summary>The organization a newly created CA carries.</summary>
    public string Organization
    {
        get => _organization;
        internal set => _organization = Settable(value);
    }

    /// <summary>How often the renewal check runs unless set: every 30 seconds.</summary>
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>The share of a certificate's lifetime after which it is renewed: two thirds unless set.</summary>
    public double RenewAt { get; internal set; } = 2.0 / 3.0;

    /// <summary>How often the renewal check compares each certificate's notAfter with the clock.</summary>
    public TimeSpan CheckInterval { get; internal set; } = DefaultCheckInterval;

    /// <summary>The port the service listens on through Aspire's proxy, or <see langword="null"/> for a random one.</summary>
    public int? Port { get; internal set; }

    /// <summary>The service's HTTP endpoint.</summary>
    public EndpointReference HttpEndpoint => new(this, HttpEndpointName);

    internal KalypsoAuthority CertificateAuthority { get; }

    /// <summary>The private folder, for this run only, of the certificate files of resources that renew in place.</summary>
    internal KalypsoRunFolder RunFolder { get; } = new();

    private T Settable<T>(T value)
    {
        if (CertificateAuthority.IsLoaded)
        {
            throw new InvalidOperationException(
                $"The Kalypso resource '{Name}' already issued certificates: call WithDataDirectory, WithLifetime and WithOrganization right after AddKalypso, before any WithKalypsoHttps or WithKalypsoTrust.");
        }
        return value;
    }
}
