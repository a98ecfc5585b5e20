using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Kalypso.Benchmarks;

// rate [threads] [seconds] [pool]: raw in-process issuance rate (compared with HTTP by tests/benchmarks/http-load.sh)
// profile [iterations]:             where one issuance's time goes
// anything else:                    BenchmarkDotNet (e.g. --filter '*')
switch (args.FirstOrDefault())
{
    case "rate":
        IssuanceRate.Run(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount,
            TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10),
            args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 64);
        break;
    case "profile":
        CostBreakdown.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
        break;
    default:
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(IssuanceBenchmarks).Assembly).Run(args, config);
        break;
}
