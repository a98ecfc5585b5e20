namespace Aspire.Hosting.ApplicationModel;

/// <summary>Where the issuing service this package ships with lies, and how to run it.</summary>
internal static class KalypsoServerLocation
{
    public const string AssemblyFileName = "Kalypso.Server.dll";

    /// <summary>The service's entry assembly, copied next to the AppHost by the package.</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, AssemblyFileName);

    /// <summary>The <c>dotnet</c> host that runs the AppHost itself, so the service runs on the same runtime.</summary>
    public static string DotnetHost
    {
        get
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
            var process = Environment.ProcessPath;
            if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return process;
            var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root))
            {
                var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
                if (File.Exists(candidate)) return candidate;
            }
            return "dotnet";
        }
    }
}
