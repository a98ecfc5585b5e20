// A service on the host that containers call over HTTPS through the host alias, and that calls
// a container back. Kestrel gets its certificate from Aspire (which got it from Kalypso); the
// outgoing call uses .NET's default validation, so it succeeds only if the container's
// certificate chains to a root this process trusts (Aspire hands it the Kalypso root through
// SSL_CERT_DIR) and covers the name it is called by.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient();
var app = builder.Build();
app.MapGet("/", () => "hello from the host");
app.MapGet("/health", () => "Healthy");
app.MapGet("/call/{service}", async (string service, IHttpClientFactory clients, IConfiguration configuration) =>
{
    var url = configuration[$"services:{service}:https:0"]
        ?? throw new InvalidOperationException($"No https endpoint for '{service}' was given to this service.");
    var body = await clients.CreateClient().GetStringAsync(url);
    return Results.Text($"host got from {url}: {body}");
});
app.Run();
