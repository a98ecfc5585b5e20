using Kalypso.Core.Store;

namespace Kalypso.Core.Tests.Support;

/// <summary>
/// A private scratch folder for one test: a store folder inside it that does not exist yet (so
/// Core creates it, with its own mode), plus room for PEM files the test writes. Deleted on dispose.
/// </summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Root = Directory.CreateTempSubdirectory("kalypso-test-").FullName;
        StoreDirectory = Path.Combine(Root, "store");
        Store = CaStore.Open(StoreDirectory);
    }

    /// <summary>The scratch folder (mode 0700, made by the runtime).</summary>
    public string Root { get; }

    /// <summary>The store folder; Core creates it on first write.</summary>
    public string StoreDirectory { get; }

    public CaStore Store { get; }

    /// <summary>Writes text to a file in the scratch folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
