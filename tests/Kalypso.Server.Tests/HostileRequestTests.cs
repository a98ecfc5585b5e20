using System.Net;
using System.Text;

namespace Kalypso.Server.Tests;

/// <summary>
/// Malformed and hostile requests, table-driven: every one must get a 4xx (never a 5xx) with a
/// problem body, and the service must still answer /health after all of them.
/// </summary>
public sealed class HostileRequestTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Json = "application/json";
    private static readonly string LongLabel = new('a', 64);
    private static readonly string TenKilobyteName = string.Join('.', Enumerable.Repeat("abcdefghi", 1000)) + ".test";

    /// <summary>One hostile request: a name, a raw body and content type (sent with a proper client), and the exact status expected.</summary>
    public static TheoryData<string, string, string?, int> Bodies => new()
    {
        // Bad JSON: 400.
        { "empty body", "", Json, 400 },
        { "whitespace only", "   \n\t ", Json, 400 },
        { "truncated object", """{"domains":["a.test"]""", Json, 400 },
        { "trailing comma", """{"domains":["a.test"],}""", Json, 400 },
        { "single quotes", "{'domains':['a.test']}", Json, 400 },
        { "comment", """{"domains":["a.test"] /* hi */}""", Json, 400 },
        { "two documents", """{"domains":["a.test"]}{"domains":["b.test"]}""", Json, 400 },
        { "trailing garbage", """{"domains":["a.test"]} xyz""", Json, 400 },
        { "bare word", "domains", Json, 400 },
        { "NaN literal", """{"domains":["a.test"],"hours":NaN}""", Json, 400 },
        { "deep nesting", new string('[', 5000) + new string(']', 5000), Json, 400 },
        { "deep nesting in unknown field", """{"x":""" + new string('[', 100) + new string(']', 100) + "}", Json, 400 },
        { "lone surrogate escape", """{"domains":["\ud800.test"]}""", Json, 400 },
        { "unterminated string", """{"domains":["a.test]}""", Json, 400 },
        { "control character in string", "{\"domains\":[\"a\u0001.test\"]}", Json, 400 },
        // Wrong shapes and types: 422.
        { "array body", """["a.test"]""", Json, 422 },
        { "string body", "\"a.test\"", Json, 422 },
        { "number body", "42", Json, 422 },
        { "null body", "null", Json, 422 },
        { "empty object", "{}", Json, 422 },
        { "domains null", """{"domains":null}""", Json, 422 },
        { "domains string", """{"domains":"a.test"}""", Json, 422 },
        { "domains object", """{"domains":{"a":"b"}}""", Json, 422 },
        { "domains of numbers", """{"domains":[1,2]}""", Json, 422 },
        { "domains nested arrays", """{"domains":[["a.test"]]}""", Json, 422 },
        { "domains with null entry", """{"domains":[null]}""", Json, 422 },
        { "domains empty", """{"domains":[]}""", Json, 422 },
        { "domains empty string", """{"domains":[""]}""", Json, 422 },
        { "domains blank string", """{"domains":["   "]}""", Json, 422 },
        { "huge array (101 names)", """{"domains":[""" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"\"h{i}.test\"")) + "]}", Json, 422 },
        { "hours 0", """{"domains":["a.test"],"hours":0}""", Json, 422 },
        { "hours 169", """{"domains":["a.test"],"hours":169}""", Json, 422 },
        { "hours -1", """{"domains":["a.test"],"hours":-1}""", Json, 422 },
        { "hours 1e9", """{"domains":["a.test"],"hours":1e9}""", Json, 422 },
        { "hours 24.5", """{"domains":["a.test"],"hours":24.5}""", Json, 422 },
        { "hours huge integer", """{"domains":["a.test"],"hours":99999999999999999999999999}""", Json, 422 },
        { "hours string", """{"domains":["a.test"],"hours":"24"}""", Json, 422 },
        { "hours boolean", """{"domains":["a.test"],"hours":true}""", Json, 422 },
        { "hours and lifetime_minutes", """{"domains":["a.test"],"hours":1,"lifetime_minutes":30}""", Json, 422 },
        { "lifetime_minutes 1", """{"domains":["a.test"],"lifetime_minutes":1}""", Json, 422 },
        { "repeated domains", """{"domains":["a.test"],"domains":["evil.test"]}""", Json, 422 },
        { "ip_addresses string", """{"domains":["a.test"],"ip_addresses":"127.0.0.1"}""", Json, 422 },
        { "invalid IPv4", """{"domains":["a.test"],"ip_addresses":["256.1.1.1"]}""", Json, 422 },
        { "short IPv4", """{"domains":["a.test"],"ip_addresses":["127.1"]}""", Json, 422 },
        { "IPv6 with zone", """{"domains":["a.test"],"ip_addresses":["fe80::1%eth0"]}""", Json, 422 },
        { "IP with port", """{"domains":["a.test"],"ip_addresses":["127.0.0.1:80"]}""", Json, 422 },
        { "hostname as IP", """{"domains":["a.test"],"ip_addresses":["localhost"]}""", Json, 422 },
        { "bare wildcard", """{"domains":["*"]}""", Json, 422 },
        { "wildcard TLD", """{"domains":["*.com"]}""", Json, 422 },
        { "wildcard in the middle", """{"domains":["a.*.test"]}""", Json, 422 },
        { "partial wildcard", """{"domains":["a*.test"]}""", Json, 422 },
        { "double wildcard", """{"domains":["*.*.test"]}""", Json, 422 },
        { "10 KB name", "{\"domains\":[\"" + TenKilobyteName + "\"]}", Json, 422 },
        { "64-character label", "{\"domains\":[\"" + LongLabel + ".test\"]}", Json, 422 },
        { "empty label", """{"domains":["a..test"]}""", Json, 422 },
        { "leading hyphen", """{"domains":["-a.test"]}""", Json, 422 },
        { "underscore", """{"domains":["a_b.test"]}""", Json, 422 },
        { "space inside", """{"domains":["a b.test"]}""", Json, 422 },
        { "slash and path", """{"domains":["a.test/evil"]}""", Json, 422 },
        { "numeric TLD", """{"domains":["1.2.3.4.5"]}""", Json, 422 },
        { "NUL escape", """{"domains":["a\u0000.test"]}""", Json, 422 },
        { "newline escape (header injection)", """{"domains":["a.test\r\nX-Evil: 1"]}""", Json, 422 },
        { "right-to-left override", """{"domains":["a\u202Etset.com"]}""", Json, 422 },
        { "zero-width joiner", """{"domains":["pay\u200Dpal.test"]}""", Json, 422 },
        { "zero-width space (would map to another name)", """{"domains":["pay\u200Bpal.test"]}""", Json, 422 },
        { "fullwidth dot", """{"domains":["a\uFF0E\uFF0Etest"]}""", Json, 422 },
        // Not JSON at all: 415.
        { "no content type", """{"domains":["a.test"]}""", null, 415 },
        { "text/plain", """{"domains":["a.test"]}""", "text/plain", 415 },
        { "form post", "domains=a.test", "application/x-www-form-urlencoded", 415 },
        { "multipart", "--x\r\nContent-Disposition: form-data; name=\"domains\"\r\n\r\na.test\r\n--x--\r\n", "multipart/form-data; boundary=x", 415 },
        { "json in another charset", """{"domains":["a.test"]}""", "application/json; charset=utf-16", 415 },
        { "json-like type", """{"domains":["a.test"]}""", "application/jsonp", 415 },
        { "xml", "<domains>a.test</domains>", "application/xml", 415 },
        // Too big: 413.
        { "20 KB body", "{\"domains\":[\"a.test\"],\"x\":\"" + new string('x', 20_000) + "\"}", Json, 413 },
        { "huge array of names", "{\"domains\":[" + string.Join(',', Enumerable.Repeat("\"a.test\"", 5000)) + "]}", Json, 413 },
    };

    /// <summary>Hostile requests only a raw socket can send.</summary>
    public static TheoryData<string, string, int> RawRequests => new()
    {
        { "Host of another site (DNS rebinding)", "GET /health HTTP/1.1\r\nHost: attacker.example:8200\r\nConnection: close\r\n\r\n", 400 },
        { "POST with rebinding Host", "POST /certificates HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\nContent-Length: 22\r\nConnection: close\r\n\r\n{\"domains\":[\"a.test\"]}", 400 },
        { "empty Host", "GET /health HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n", 400 },
        { "no Host (HTTP/1.0)", "GET /health HTTP/1.0\r\n\r\n", 400 },
        { "two Host headers", "GET /health HTTP/1.1\r\nHost: localhost\r\nHost: attacker.example\r\nConnection: close\r\n\r\n", 400 },
        { "Host with path", "GET /health HTTP/1.1\r\nHost: localhost/evil\r\nConnection: close\r\n\r\n", 400 },
        { "Host with user info", "GET /health HTTP/1.1\r\nHost: evil@localhost\r\nConnection: close\r\n\r\n", 400 },
        { "Host localhost suffix trick", "GET /health HTTP/1.1\r\nHost: localhost.attacker.example\r\nConnection: close\r\n\r\n", 400 },
        { "absolute URI to another host", "GET http://attacker.example/health HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n", 400 },
        { "oversized Content-Length", "POST /certificates HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n{", 413 },
        { "negative Content-Length", "POST /certificates HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: -5\r\nConnection: close\r\n\r\n", 400 },
        { "garbage request line", "HELLO\r\n\r\n", 400 },
        { "unknown method", "BREW /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 405 },
        { "TRACE", "TRACE /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 405 },
        { "path traversal", "GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 404 },
        { "encoded traversal", "GET /%2e%2e/ca-key.pem HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 404 },
        { "key file by name", "GET /ca-key.pem HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 404 },
        { "huge header", "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + new string('a', 40_000) + "\r\nConnection: close\r\n\r\n", 431 },
        { "huge URL", "GET /" + new string('a', 20_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 414 },
    };

    private RunningServer Server => shared.Server;

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Hostile_bodies_get_the_expected_4xx_problem(string name, string body, string? contentType, int status)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await Server.Client.PostAsync("/certificates", content, TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"{name}: expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertStillHealthyAsync();
    }

    [Theory]
    [MemberData(nameof(RawRequests))]
    public async Task Hostile_raw_requests_get_the_expected_4xx(string name, string request, int status)
    {
        var answer = await RawHttp.SendAsync(Server.BaseAddress, request);
        Assert.True(answer.Status == status, $"{name}: expected {status}, got {answer.Status}: {answer.Head}\n{answer.Body}");
        Assert.DoesNotContain("Access-Control-", answer.Head, StringComparison.OrdinalIgnoreCase);
        await AssertStillHealthyAsync();
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400_and_nothing_hostile_ever_reached_the_audit_log()
    {
        var content = new ByteArrayContent([.. "{\"domains\":[\""u8, 0xC3, 0x28, .. ".test\"]}"u8]);
        content.Headers.ContentType = new("application/json");
        using var response = await Server.Client.PostAsync("/certificates", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var names = Server.Store.AuditLog.ReadAll().SelectMany(e => e.Names).ToList();
        Assert.DoesNotContain(names, n => n.Contains("evil", StringComparison.Ordinal) || n.Contains('*') && !n.StartsWith("*.", StringComparison.Ordinal));
        await AssertStillHealthyAsync();
    }

    [Fact]
    public void The_table_holds_at_least_50_hostile_requests() =>
        Assert.True(Bodies.Count + RawRequests.Count >= 50, $"{Bodies.Count + RawRequests.Count} cases");

    private async Task AssertStillHealthyAsync()
    {
        using var health = await Server.Client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
