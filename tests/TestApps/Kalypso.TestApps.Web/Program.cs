// A small HTTPS service that calls the api over https:// with .NET's default certificate
// validation: it succeeds only if the api's certificate chains to a root this process trusts
// (Aspire hands it the Kalypso root through SSL_CERT_DIR) and covers the name it is called by.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient();
var app = builder.Build();
app.MapGet("/health", () => "Healthy");
app.MapGet("/call-api", async (IHttpClientFactory clients, IConfiguration configuration) =>
{
    var url = configuration["services:api:https:0"]
        ?? throw new InvalidOperationException("No https endpoint for 'api' was given to this service.");
    var client = clients.CreateClient();
    var body = await client.GetStringAsync(url);
    return Results.Text($"web got: {body}");
});
app.Run();
