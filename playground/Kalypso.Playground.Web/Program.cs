using Kalypso.Playground.Web;

// The playground's front end: calls the API by service discovery ("https+http://api" picks the
// https endpoint Aspire gave it) and shows the certificate the API served and whether it verified.
var builder = WebApplication.CreateBuilder(args);
builder.AddKalypsoClient();
builder.Services.AddServiceDiscovery();
builder.Services.AddHealthChecks();
builder.Services.AddSingleton<HandshakeRecorder>();

const string ApiUrl = "https+http://api";
builder.Services.AddHttpClient("api", client => client.BaseAddress = new Uri(ApiUrl))
    .AddServiceDiscovery()
    .ConfigurePrimaryHttpMessageHandler((handler, services) => services.GetRequiredService<HandshakeRecorder>().Watch(handler));

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapGet("/", async (IHttpClientFactory clients, HandshakeRecorder recorder, CancellationToken cancellationToken) =>
{
    string? answer = null, error = null;
    try
    {
        answer = await clients.CreateClient("api").GetStringAsync("/", cancellationToken);
    }
    catch (HttpRequestException e)
    {
        error = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
    }
    return Results.Content(CertificatePage.Render(ApiUrl, answer, error, recorder.Last), "text/html; charset=utf-8");
});
app.MapGet("/api-certificate", (HandshakeRecorder recorder) => recorder.Last is { } last ? Results.Json(last) : Results.NotFound());
app.Run();
