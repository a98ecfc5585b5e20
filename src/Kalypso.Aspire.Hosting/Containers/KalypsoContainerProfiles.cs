namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The built-in profiles, for the official images of the servers Kalypso knows, and the generic
/// fallback that only delivers the files and sets <c>KALYPSO_CERT_FILE</c>, <c>KALYPSO_KEY_FILE</c>
/// and <c>KALYPSO_CA_FILE</c>. Paths, users and commands are those of each official image.
/// </summary>
public static class KalypsoContainerProfiles
{
    private const int Root = 0;

    /// <summary>
    /// nginx (<c>nginx</c>): adds <c>/etc/nginx/conf.d/kalypso-https.conf</c>, a server on the TLS
    /// port that serves the image's default site with the certificate; the image's own
    /// configuration stays. The master process reads the key as root. Reload: <c>nginx -s reload</c>.
    /// </summary>
    public static KalypsoContainerProfile Nginx { get; } = new()
    {
        Name = "nginx",
        Images = ["nginx"],
        Directory = "/etc/nginx/kalypso",
        FileOwner = Root,
        FileGroup = Root,
        HttpsPort = 443,
        Files = c =>
        [
            new("/etc/nginx/conf.d/kalypso-https.conf", $$"""
                # Written by Kalypso: HTTPS on port {{c.Port}} with this container's Kalypso certificate.
                server {
                    listen {{c.Port}} ssl;
                    server_name _;
                    ssl_certificate     {{c.CertificatePath}};
                    ssl_certificate_key {{c.KeyPath}};
                    location / {
                        root   /usr/share/nginx/html;
                        index  index.html index.htm;
                    }
                }

                """),
        ],
        ReloadCommand = ["nginx", "-s", "reload"],
    };

    /// <summary>
    /// Apache httpd (<c>httpd</c>): loads mod_ssl and adds a virtual host on the TLS port from
    /// <c>/usr/local/apache2/conf/kalypso/httpd-kalypso.conf</c>, through <c>httpd-foreground -c Include …</c>.
    /// The parent process reads the key as root. Reload: <c>httpd -k graceful</c>.
    /// </summary>
    public static KalypsoContainerProfile Httpd { get; } = new()
    {
        Name = "httpd",
        Images = ["httpd"],
        Directory = "/usr/local/apache2/conf/kalypso",
        FileOwner = Root,
        FileGroup = Root,
        HttpsPort = 443,
        Arguments = _ => ["httpd-foreground", "-c", "Include conf/kalypso/httpd-kalypso.conf"],
        Files = c =>
        [
            new("/usr/local/apache2/conf/kalypso/httpd-kalypso.conf", $$"""
                # Written by Kalypso: HTTPS on port {{c.Port}} with this container's Kalypso certificate.
                <IfModule !ssl_module>
                    LoadModule ssl_module modules/mod_ssl.so
                </IfModule>
                <IfModule !socache_shmcb_module>
                    LoadModule socache_shmcb_module modules/mod_socache_shmcb.so
                </IfModule>
                Listen {{c.Port}}
                SSLSessionCache "shmcb:/usr/local/apache2/logs/kalypso_scache(512000)"
                <VirtualHost *:{{c.Port}}>
                    SSLEngine on
                    SSLCertificateFile    "{{c.CertificatePath}}"
                    SSLCertificateKeyFile "{{c.KeyPath}}"
                </VirtualHost>

                """),
        ],
        ReloadCommand = ["httpd", "-k", "graceful"],
    };

    /// <summary>
    /// HAProxy (<c>haproxy</c>): the image has no default configuration, so the profile delivers the
    /// chain and key in one file, owned by the image's <c>haproxy</c> user (99), and names it in
    /// <c>KALYPSO_CERT_WITH_KEY_FILE</c> for the author's <c>bind :8443 ssl crt "${KALYPSO_CERT_WITH_KEY_FILE}"</c>.
    /// Reload: SIGUSR2 to the master process.
    /// </summary>
    public static KalypsoContainerProfile HAProxy { get; } = new()
    {
        Name = "haproxy",
        Images = ["haproxy", "haproxytech/haproxy-debian", "haproxytech/haproxy-alpine"],
        Directory = "/usr/local/etc/haproxy/kalypso",
        FileOwner = 99,
        FileGroup = 99,
        HttpsPort = 8443,
        NeedsCertificateWithKey = true,
        Environment = c => new Dictionary<string, string> { ["KALYPSO_CERT_WITH_KEY_FILE"] = c.CertificateWithKeyPath },
        ReloadCommand = ["sh", "-c", "kill -USR2 1"],
    };

    /// <summary>
    /// Caddy (<c>caddy</c>): runs <c>/etc/caddy/kalypso/Caddyfile</c>, a site on the TLS port that
    /// serves the image's default page with the certificate (automatic HTTPS stays off for it).
    /// Reload: <c>caddy reload --force</c> with the same file.
    /// </summary>
    public static KalypsoContainerProfile Caddy { get; } = new()
    {
        Name = "caddy",
        Images = ["caddy"],
        Directory = "/etc/caddy/kalypso",
        FileOwner = Root,
        FileGroup = Root,
        HttpsPort = 443,
        Arguments = _ => ["caddy", "run", "--config", CaddyFile, "--adapter", "caddyfile"],
        Files = c =>
        [
            new(CaddyFile, $$"""
                # Written by Kalypso: HTTPS on port {{c.Port}} with this container's Kalypso certificate.
                :{{c.Port}} {
                	tls {{c.CertificatePath}} {{c.KeyPath}}
                	root * /usr/share/caddy
                	file_server
                }

                """),
        ],
        ReloadCommand = ["caddy", "reload", "--config", CaddyFile, "--adapter", "caddyfile", "--force"],
    };

    /// <summary>
    /// Traefik (<c>traefik</c>): a <c>websecure</c> entry point on the TLS port and a watched file
    /// provider (<c>/etc/traefik/kalypso/tls.yml</c>) whose default certificate is Kalypso's, so
    /// rewritten files are picked up by Traefik itself.
    /// </summary>
    public static KalypsoContainerProfile Traefik { get; } = new()
    {
        Name = "traefik",
        Images = ["traefik"],
        Directory = "/etc/traefik/kalypso",
        FileOwner = Root,
        FileGroup = Root,
        HttpsPort = 443,
        Arguments = c =>
        [
            $"--entrypoints.websecure.address=:{c.Port}",
            "--entrypoints.websecure.http.tls=true",
            $"--providers.file.filename={TraefikFile}",
            "--providers.file.watch=true",
        ],
        Files = c =>
        [
            new(TraefikFile, $"""
                # Written by Kalypso: the default certificate for every TLS router is this container's Kalypso certificate.
                tls:
                  stores:
                    default:
                      defaultCertificate:
                        certFile: {c.CertificatePath}
                        keyFile: {c.KeyPath}
                  certificates:
                    - certFile: {c.CertificatePath}
                      keyFile: {c.KeyPath}

                """),
        ],
        ReloadsByItself = true,
    };

    /// <summary>
    /// Redis (<c>redis</c>): <c>redis-server</c> with TLS on its own port (plain TCP off):
    /// <c>--tls-port</c>, <c>--tls-cert-file</c>, <c>--tls-key-file</c>, <c>--tls-ca-cert-file</c>,
    /// and client certificates not required. The key belongs to the image's <c>redis</c> user (999),
    /// which the entrypoint drops to. Renewal restarts it.
    /// </summary>
    public static KalypsoContainerProfile Redis { get; } = new()
    {
        Name = "redis",
        Images = ["redis", "redis/redis-stack-server", "valkey/valkey"],
        Directory = "/usr/local/etc/redis/kalypso",
        FileOwner = 999,
        FileGroup = 999,
        ServicePort = 6379,
        Arguments = c =>
        [
            "redis-server",
            "--port", "0",
            "--tls-port", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tls-cert-file", c.CertificatePath,
            "--tls-key-file", c.KeyPath,
            "--tls-ca-cert-file", c.CaPath,
            "--tls-auth-clients", "no",
        ],
    };

    /// <summary>
    /// PostgreSQL (<c>postgres</c>): <c>postgres -c ssl=on -c ssl_cert_file=… -c ssl_key_file=…</c>
    /// on its own port. PostgreSQL refuses a key that others can read: it is owned by the image's
    /// <c>postgres</c> user (999) with mode 0600. Reload: SIGHUP to the postmaster, which re-reads
    /// the certificate files.
    /// </summary>
    public static KalypsoContainerProfile PostgreSql { get; } = new()
    {
        Name = "postgres",
        Images = ["postgres", "postgis/postgis", "pgvector/pgvector"],
        Directory = "/etc/postgresql/kalypso",
        FileOwner = 999,
        FileGroup = 999,
        ServicePort = 5432,
        Arguments = c => ["postgres", "-c", "ssl=on", "-c", $"ssl_cert_file={c.CertificatePath}", "-c", $"ssl_key_file={c.KeyPath}"],
        ReloadCommand = ["sh", "-c", "kill -HUP 1"],
    };

    /// <summary>
    /// Any other image: the files in <c>/etc/kalypso</c> (owned by root unless overridden) and the
    /// three environment variables; an https endpoint on 8443 when the resource has none. Renewal restarts it.
    /// </summary>
    public static KalypsoContainerProfile Generic { get; } = new()
    {
        Name = "generic",
        Directory = "/etc/kalypso",
        FileOwner = Root,
        FileGroup = Root,
        HttpsPort = 8443,
    };

    /// <summary>Every built-in profile, generic last.</summary>
    public static IReadOnlyList<KalypsoContainerProfile> All { get; } = [Nginx, Httpd, HAProxy, Caddy, Traefik, Redis, PostgreSql, Generic];

    /// <summary>The built-in profile for an image reference, or <see cref="Generic"/>.</summary>
    /// <param name="image">An image reference; registry, tag and digest are ignored.</param>
    /// <returns>The profile.</returns>
    public static KalypsoContainerProfile For(string image)
    {
        var repository = ContainerImageName.Repository(image);
        return All.FirstOrDefault(p => p.Images.Contains(repository, StringComparer.Ordinal)) ?? Generic;
    }

    /// <summary>
    /// The profile a container uses: the one set with <see cref="KalypsoContainerExtensions.WithKalypsoProfile{T}"/>,
    /// else the built-in one for its image, else <see cref="Generic"/>.
    /// </summary>
    /// <param name="container">The container.</param>
    /// <returns>The profile.</returns>
    public static KalypsoContainerProfile For(ContainerResource container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container.Annotations.OfType<KalypsoContainerProfileAnnotation>().LastOrDefault() is { } chosen) return chosen.Profile;
        var repository = ContainerImageName.Repository(container);
        return repository is null ? Generic : All.FirstOrDefault(p => p.Images.Contains(repository, StringComparer.Ordinal)) ?? Generic;
    }

    private const string CaddyFile = "/etc/caddy/kalypso/Caddyfile";
    private const string TraefikFile = "/etc/traefik/kalypso/tls.yml";
}
