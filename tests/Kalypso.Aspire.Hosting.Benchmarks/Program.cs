// Usage: dotnet run -c Release --project tests/Kalypso.Aspire.Hosting.Benchmarks -- [rounds] [counts...]
// Starts the test AppHost through Aspire.Hosting.Testing with N copies of the api project, over
// Kalypso HTTPS and over plain HTTP, alternating so both see the same machine load, and prints
// the median time from building the model (certificates included) to every api resource Healthy.
// Read differences with care: Aspire re-runs a failing health check after 1, 2, 3, 4, then 5 s,
// so "Healthy" moves in those steps and a service ready a little later can show up seconds later.
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
int[] counts = args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [1, 5, 10];

var results = new Dictionary<(int Count, bool Https), List<double>>();
await Measure(1, https: true); // warm-up: JIT, DCP download of nothing, file caches
foreach (var round in Enumerable.Range(1, rounds))
{
    foreach (var count in counts)
    {
        foreach (var https in new[] { false, true })
        {
            var seconds = await Measure(count, https);
            Console.WriteLine(FormattableString.Invariant($"round {round}: N={count,2} {(https ? "https" : "http "),-5} {seconds,6:F2} s"));
            (results.TryGetValue((count, https), out var list) ? list : results[(count, https)] = []).Add(seconds);
        }
    }
}

Console.WriteLine();
Console.WriteLine($"median of {rounds} rounds, seconds from model build to all api resources Healthy ({Environment.ProcessorCount} cores)");
Console.WriteLine(" N | http  | https | https - http");
foreach (var count in counts)
{
    var http = Median(results[(count, false)]);
    var https = Median(results[(count, true)]);
    Console.WriteLine(FormattableString.Invariant($"{count,2} | {http,5:F2} | {https,5:F2} | {https - http,+5:F2}"));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static async Task<double> Measure(int count, bool https)
{
    var store = Directory.CreateTempSubdirectory("kalypso-bench-");
    try
    {
        string[] settings =
        [
            $"--TestApp:DataDirectory={Path.Combine(store.FullName, "store")}",
            $"--TestApp:ApiCount={count}",
            $"--TestApp:Https={https}",
            "--TestApp:Web=false",
        ];
        // The clock starts before the model is built, so it includes issuing the certificates.
        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Kalypso_TestAppHost>(settings);
        await using var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        var names = Enumerable.Range(0, count).Select(i => i == 0 ? "api" : $"api{i + 1}");
        await Task.WhenAll(names.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        var seconds = clock.Elapsed.TotalSeconds;
        await app.StopAsync();
        return seconds;
    }
    finally
    {
        store.Delete(recursive: true);
    }
}
