// Serves HTTPS with the certificate Kalypso gave it, through the client package's renewing selector.
var builder = WebApplication.CreateBuilder(args);
builder.AddKalypsoClient();
var app = builder.Build();
app.MapGet("/", () => "hello from api");
app.MapHealthChecks("/health");
app.Run();
