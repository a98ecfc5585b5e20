using Kalypso.Core.Store;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>A private temp folder for one test's CA store, removed afterwards.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Root = System.IO.Directory.CreateTempSubdirectory("kalypso-aspire-test-").FullName;
    }

    public string Root { get; }

    public string Directory => Path.Combine(Root, "store");

    public CaStore Open() => CaStore.Open(Directory);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
