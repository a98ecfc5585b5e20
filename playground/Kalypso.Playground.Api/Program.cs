// The playground's API: a minimal HTTPS service. Aspire points Kestrel at the Kalypso certificate
// the AppHost issued for "api"; AddKalypsoClient serves renewed certificates without a restart.
var builder = WebApplication.CreateBuilder(args);
builder.AddKalypsoClient();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapGet("/", () => Results.Text("Hello from the api, over HTTPS with a Kalypso certificate."));
app.MapGet("/weather", () => Enumerable.Range(1, 3).Select(day => new
{
    Date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(day)),
    TemperatureC = Random.Shared.Next(-5, 30),
}));
app.Run();
