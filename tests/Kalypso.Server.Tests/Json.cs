using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kalypso.Server.Tests;

internal static class Json
{
    public static StringContent Body(string json) =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string[] Properties(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
