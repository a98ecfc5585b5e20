// A small HTTPS service for the integration tests: Kestrel gets its certificate from Aspire
// (which got it from Kalypso); nothing here knows about Kalypso.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => $"hello from {builder.Environment.ApplicationName}");
app.MapGet("/health", () => "Healthy");
app.Run();
