// Calls `api` by name over https+http:// through service discovery. With ClientTestWeb:UseKalypso
// false the package's call is left out, so the same program shows what happens without it.
var builder = WebApplication.CreateBuilder(args);
var useKalypso = builder.Configuration.GetValue("ClientTestWeb:UseKalypso", true);
if (useKalypso) builder.AddKalypsoClient();
builder.Services.AddServiceDiscovery();
builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());

var app = builder.Build();
app.MapGet("/health", () => "Healthy");
app.MapGet("/trust", () => Results.Json(new
{
    kalypsoClient = useKalypso,
    sslCertDir = Environment.GetEnvironmentVariable("SSL_CERT_DIR"),
    sslCertFile = Environment.GetEnvironmentVariable("SSL_CERT_FILE"),
}));
app.MapGet("/call-api", async (IHttpClientFactory clients) =>
{
    try
    {
        var body = await clients.CreateClient().GetStringAsync("https+http://api/");
        return Results.Text($"web got: {body}");
    }
    catch (HttpRequestException e)
    {
        return Results.Text($"call failed: {e}", statusCode: 502);
    }
});
app.Run();
