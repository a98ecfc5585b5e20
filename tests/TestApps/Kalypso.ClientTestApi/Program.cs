// Serves HTTPS with the certificate Kalypso gave it, through the client package's renewing selector.
var builder = WebApplication.CreateBuilder(args);
builder.AddKalypsoClient();
var app = builder.Build();
app.MapGet("/", () => "hello from api");
// Which process answered, on which connection: tells a renewal in place (same process, an open
// connection still used) from a restart.
app.MapGet("/whoami", (HttpContext context) => Results.Json(new { pid = Environment.ProcessId, connection = context.Connection.Id }));
app.MapHealthChecks("/health");
app.Run();
