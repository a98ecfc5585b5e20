using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kalypso.Core.Authority;

namespace Kalypso.Server.Tests;

/// <summary>Every endpoint's contract, field by field, against the real service.</summary>
public sealed class ContractTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private static readonly string[] IssueFields = ["ca_certificate", "certificate", "domains", "fingerprint", "not_after", "private_key", "serial"];
    private readonly RunningServer _server = shared.Server;
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_reports_ok_initialized_and_the_audit_log_count()
    {
        var before = await Json.ReadAsync(await _server.Client.GetAsync("/health", Cancel));
        Assert.Equal(["ca_initialized", "issued_count", "status"], Json.Properties(before));
        Assert.Equal("ok", before.GetProperty("status").GetString());
        Assert.True(before.GetProperty("ca_initialized").GetBoolean());
        var count = before.GetProperty("issued_count").GetInt64();
        Assert.Equal(_server.Store.AuditLog.Count(), count);

        // An issuance from another door (Core directly, as the CLI does) counts too: the number is the audit log's.
        var store = _server.Store;
        using (var ca = store.Load().Authority)
        using (new Kalypso.Core.CertificateIssuer(ca, store.AuditLog).Issue(LeafRequest.For("other-door.test"))) { }
        using var response = await _server.Client.PostAsync("/certificates", Json.Body("""{"domains":["health.test"]}"""), Cancel);
        response.EnsureSuccessStatusCode();

        var after = await Json.ReadAsync(await _server.Client.GetAsync("/health", Cancel));
        Assert.True(after.GetProperty("issued_count").GetInt64() >= count + 2);
        Assert.Equal(_server.Store.AuditLog.Count(), after.GetProperty("issued_count").GetInt64());
    }

    [Fact]
    public async Task Ca_pem_is_the_raw_root_certificate()
    {
        using var response = await _server.Client.GetAsync("/ca.pem", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType!.MediaType);
        var pem = await response.Content.ReadAsStringAsync(Cancel);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", pem);
        Assert.EndsWith("-----END CERTIFICATE-----\n", pem);
        using var root = X509Certificate2.CreateFromPem(pem);
        using var stored = X509Certificate2.CreateFromPem(File.ReadAllText(_server.Store.CertificatePath));
        Assert.Equal(stored.RawData, root.RawData);
        Assert.DoesNotContain("PRIVATE KEY", pem);
    }

    [Fact]
    public async Task Ca_json_carries_certificate_fingerprint_validity_and_subject()
    {
        using var response = await _server.Client.GetAsync("/ca.json", Cancel);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await Json.ReadAsync(response);
        Assert.Equal(["certificate", "fingerprint", "not_after", "not_before", "subject"], Json.Properties(body));
        using var root = X509Certificate2.CreateFromPem(body.GetProperty("certificate").GetString()!);
        Assert.Equal(Fingerprints.Sha256(root), body.GetProperty("fingerprint").GetString());
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", body.GetProperty("fingerprint").GetString()!);
        AssertWireTime(root.NotBefore, body.GetProperty("not_before").GetString()!);
        AssertWireTime(root.NotAfter, body.GetProperty("not_after").GetString()!);
        Assert.Equal("O=Kalypso Dev CA,CN=Kalypso Dev CA Root CA", body.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Issue_returns_every_field_and_a_certificate_that_matches_them()
    {
        using var response = await _server.Client.PostAsync("/certificates",
            Json.Body("""{"domains":["myapp.test","*.myapp.test"],"hours":4,"ip_addresses":["127.0.0.1","::1"]}"""), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = await Json.ReadAsync(response);
        Assert.Equal(IssueFields, Json.Properties(body));

        var certificatePem = body.GetProperty("certificate").GetString()!;
        var keyPem = body.GetProperty("private_key").GetString()!;
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificatePem);
        Assert.EndsWith("\n", certificatePem);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyPem);
        Assert.EndsWith("\n", keyPem);
        Assert.Equal(["myapp.test", "*.myapp.test"], body.GetProperty("domains").EnumerateArray().Select(e => e.GetString()!));

        using var leaf = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        Assert.True(leaf.HasPrivateKey);
        using (var key = leaf.GetECDsaPrivateKey()!) Assert.Equal(384, key.KeySize);
        Assert.Equal(leaf.SerialNumber, body.GetProperty("serial").GetString());
        Assert.Equal(Fingerprints.Sha256(leaf), body.GetProperty("fingerprint").GetString());
        AssertWireTime(leaf.NotAfter, body.GetProperty("not_after").GetString()!);
        var lifetime = leaf.NotAfter.ToUniversalTime() - DateTime.UtcNow;
        Assert.InRange(lifetime, TimeSpan.FromHours(4) - TimeSpan.FromMinutes(2), TimeSpan.FromHours(4));

        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["myapp.test", "*.myapp.test"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], san.EnumerateIPAddresses());

        var caPem = body.GetProperty("ca_certificate").GetString()!;
        Assert.Equal(await _server.Client.GetStringAsync("/ca.pem", Cancel), caPem);
        using var root = X509Certificate2.CreateFromPem(caPem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));

        var audited = _server.Store.AuditLog.ReadAll().Single(e => e.Serial == leaf.SerialNumber);
        Assert.Equal(["myapp.test", "*.myapp.test", "127.0.0.1", "::1"], audited.Names);
        Assert.Equal("http 127.0.0.1", audited.Requester);
        Assert.Equal(Fingerprints.Sha256(leaf), audited.Fingerprint);
    }

    [Fact]
    public async Task Issue_defaults_to_24_hours_and_accepts_the_old_clients_body()
    {
        // Exactly what the original Python SDK sends.
        using var response = await _server.Client.PostAsync("/certificates", Json.Body("""{"domains": ["sdk.test"], "hours": 24}"""), Cancel);
        var body = await Json.ReadAsync(response);
        using var leaf = X509Certificate2.CreateFromPem(body.GetProperty("certificate").GetString()!);
        Assert.InRange(leaf.NotAfter.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(2), TimeSpan.FromHours(24));

        using var minimal = await _server.Client.PostAsync("/certificates", Json.Body("""{"domains":["plain.test"],"unknown_field":{"ignored":[1,2]}}"""), Cancel);
        using var plain = X509Certificate2.CreateFromPem((await Json.ReadAsync(minimal)).GetProperty("certificate").GetString()!);
        Assert.InRange(plain.NotAfter.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(2), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task Lifetime_minutes_gives_a_sub_hour_certificate()
    {
        using var response = await _server.Client.PostAsync("/certificates", Json.Body("""{"domains":["short.test"],"lifetime_minutes":10}"""), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var leaf = X509Certificate2.CreateFromPem((await Json.ReadAsync(response)).GetProperty("certificate").GetString()!);
        Assert.InRange(leaf.NotAfter.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(10));
    }

    [Theory]
    [InlineData("""{"domains":["a.test"],"hours":2,"lifetime_minutes":30}""", "lifetime_minutes", "lifetime-exclusive")]
    [InlineData("""{"domains":["a.test"],"lifetime_minutes":4}""", "lifetime_minutes", "lifetime-bounds")]
    [InlineData("""{"domains":["a.test"],"lifetime_minutes":10081}""", "lifetime_minutes", "lifetime-bounds")]
    [InlineData("""{"domains":["a.test"],"hours":0}""", "hours", "hours-range")]
    [InlineData("""{"domains":["a.test"],"hours":"24"}""", "hours", "type-integer")]
    [InlineData("""{"domains":[]}""", "domains", "domains-empty")]
    [InlineData("""{"hours":24}""", "domains", "domains-required")]
    [InlineData("""{"domains":["a..test"]}""", "domains", "dns-label-empty")]
    [InlineData("""{"domains":["a.test"],"ip_addresses":["1.2.3"]}""", "ip_addresses", "ip-invalid")]
    [InlineData("""{"domains":["*"]}""", "domains", "wildcard-alone")]
    [InlineData("""{"domains":["a.test"],"domains":["b.test"]}""", "domains", "field-repeated")]
    [InlineData("""["a.test"]""", "body", "body-object")]
    public async Task Validation_errors_are_422_problems_naming_field_and_rule(string json, string field, string rule)
    {
        using var response = await _server.Client.PostAsync("/certificates", Json.Body(json), Cancel);
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation", rule);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var response = await _server.Client.PostAsync("/certificates", Json.Body("""{"domains":["a.test"]"""), Cancel);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json", "json-syntax");
        Assert.False(problem.TryGetProperty("field", out _));
        Assert.Contains("JSON", problem.GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task Non_json_bodies_are_415_problems()
    {
        using var form = await _server.Client.PostAsync("/certificates",
            new FormUrlEncodedContent([new("domains", "a.test")]), Cancel);
        await AssertProblemAsync(form, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "content-type-json");

        using var text = await _server.Client.PostAsync("/certificates",
            new StringContent("""{"domains":["a.test"]}""", System.Text.Encoding.UTF8, "text/plain"), Cancel);
        var problem = await AssertProblemAsync(text, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "content-type-json");
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task Oversized_bodies_are_413_problems_with_or_without_a_length()
    {
        var big = "{\"domains\":[\"a.test\"],\"pad\":\"" + new string('x', 40_000) + "\"}";
        using var sized = await _server.Client.PostAsync("/certificates", Json.Body(big), Cancel);
        await AssertProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "body-size");

        // Without a Content-Length the service finds out while reading; a raw socket sends it all before reading the answer.
        var streamed = await RawHttp.SendAsync(_server.BaseAddress,
            "POST /certificates HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + $"{big.Length:x}\r\n{big}\r\n0\r\n\r\n");
        Assert.Equal(413, streamed.Status);
        Assert.Contains("\"rule\":\"body-size\"", streamed.Body);
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_wrong_methods_405_problems()
    {
        using var missing = await _server.Client.GetAsync("/certificates/123", Cancel);
        await AssertProblemAsync(missing, HttpStatusCode.NotFound, "not-found", "route");

        using var get = await _server.Client.GetAsync("/certificates", Cancel);
        await AssertProblemAsync(get, HttpStatusCode.MethodNotAllowed, "method-not-allowed", "method");
        Assert.Equal(["POST"], get.Content.Headers.Allow);

        using var post = await _server.Client.PostAsync("/health", Json.Body("{}"), Cancel);
        await AssertProblemAsync(post, HttpStatusCode.MethodNotAllowed, "method-not-allowed", "method");
    }

    [Fact]
    public async Task Pem_bundle_comes_back_when_asked_for()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/certificates") { Content = Json.Body("""{"domains":["bundle.test"]}""") };
        request.Headers.Accept.ParseAdd("application/x-pem-file");
        using var response = await _server.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType!.MediaType);
        var bundle = await response.Content.ReadAsStringAsync(Cancel);
        var blocks = bundle.Split("-----BEGIN ").Skip(1).Select(b => b[..b.IndexOf("-----", StringComparison.Ordinal)]).ToArray();
        Assert.Equal(["CERTIFICATE", "PRIVATE KEY", "CERTIFICATE"], blocks);
        using var leaf = X509Certificate2.CreateFromPem(bundle, bundle);
        Assert.True(leaf.HasPrivateKey);
        Assert.Equal(["bundle.test"], leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.EndsWith(await _server.Client.GetStringAsync("/ca.pem", Cancel), bundle);

        using var json = new HttpRequestMessage(HttpMethod.Post, "/certificates") { Content = Json.Body("""{"domains":["bundle.test"]}""") };
        json.Headers.Accept.ParseAdd("application/json, application/x-pem-file;q=0.5");
        using var jsonResponse = await _server.Client.SendAsync(json, Cancel);
        Assert.Equal("application/json", jsonResponse.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenApi_describes_the_endpoints_and_the_reference_page_is_served()
    {
        var document = await Json.ReadAsync(await _server.Client.GetAsync("/openapi/v1.json", Cancel));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/health", "/ca.pem", "/ca.json", "/certificates" }) Assert.True(paths.TryGetProperty(path, out _), path);
        var post = paths.GetProperty("/certificates").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var status in new[] { "200", "400", "413", "415", "422" }) Assert.True(post.GetProperty("responses").TryGetProperty(status, out _), status);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("IssueRequestDocument").GetProperty("properties");
        foreach (var field in new[] { "domains", "hours", "ip_addresses", "lifetime_minutes" }) Assert.True(request.TryGetProperty(field, out _), field);

        using var page = await _server.Client.GetAsync("/scalar/v1", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"url\":\"openapi/v1.json\"", await page.Content.ReadAsStringAsync(Cancel));
        using var script = await _server.Client.GetAsync("/scalar/scalar.js", Cancel);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        using var docs = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress }
            .GetAsync("/docs", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, docs.StatusCode);
    }

    [Fact]
    public async Task No_response_ever_carries_a_cors_header_and_preflights_fail()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/certificates");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var response = await _server.Client.SendAsync(preflight, Cancel);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        AssertNoCors(response);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/certificates") { Content = Json.Body("""{"domains":["cors.test"]}""") };
        post.Headers.Add("Origin", "https://evil.example");
        using var issued = await _server.Client.SendAsync(post, Cancel);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        AssertNoCors(issued);

        foreach (var path in new[] { "/health", "/ca.pem", "/ca.json", "/openapi/v1.json" })
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, path);
            get.Headers.Add("Origin", "https://evil.example");
            using var answer = await _server.Client.SendAsync(get, Cancel);
            AssertNoCors(answer);
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebind.attacker.test:8200")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.1")]
    public async Task Requests_for_other_host_names_are_refused(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/certificates") { Content = Json.Body("""{"domains":["a.test"]}""") };
        request.Headers.Host = host;
        using var response = await _server.Client.SendAsync(request, Cancel);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "host-not-allowed", "host-allow-list");
        Assert.Equal("Host", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:8200")]
    [InlineData("app.localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3:99")]
    [InlineData("[::1]:8200")]
    public async Task Loopback_host_names_are_accepted(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = host;
        using var response = await _server.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_ca_key_never_leaves_the_process()
    {
        var keyBody = File.ReadAllText(_server.Store.KeyPath).Split('\n')[1];
        foreach (var path in new[] { "/health", "/ca.pem", "/ca.json", "/openapi/v1.json" })
        {
            Assert.DoesNotContain(keyBody, await _server.Client.GetStringAsync(path, Cancel));
        }
        using var response = await _server.Client.PostAsync("/certificates", Json.Body("""{"domains":["key.test"]}"""), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain(keyBody, body);
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(_server.Store.CertificatePath), File.ReadAllText(_server.Store.KeyPath));
        using var rootKey = root.GetECDsaPrivateKey()!;
        var leafKey = (await Json.ReadAsync(response)).GetProperty("private_key").GetString()!;
        using var issuedKey = ECDsa.Create();
        issuedKey.ImportFromPem(leafKey);
        Assert.NotEqual(rootKey.ExportParameters(false).Q.X, issuedKey.ExportParameters(false).Q.X);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string kind, string rule)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.Equal("urn:kalypso:problem:" + kind, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(response.RequestMessage!.RequestUri!.AbsolutePath, problem.GetProperty("instance").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    private static void AssertNoCors(HttpResponseMessage response)
    {
        var names = response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key));
        Assert.DoesNotContain(names, n => n.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertWireTime(DateTime expected, string actual)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$", actual);
        Assert.Equal(expected.ToUniversalTime(), DateTimeOffset.Parse(actual, CultureInfo.InvariantCulture).UtcDateTime);
    }
}
