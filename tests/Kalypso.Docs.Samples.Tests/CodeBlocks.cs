using System.Text.RegularExpressions;

namespace Kalypso.Docs.Samples.Tests;

/// <summary>Pulls the C# blocks out of the docs and the #region snippets out of the samples.</summary>
internal static partial class CodeBlocks
{
    public static IEnumerable<(string File, int Line, string Code)> CSharpBlocksIn(string markdownFile)
    {
        var lines = File.ReadAllLines(markdownFile);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp") continue;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            yield return (markdownFile, i + 1, string.Join('\n', lines[start..end]));
            i = end;
        }
    }

    public static IReadOnlyList<string> RegionsIn(string sourceFile)
    {
        var regions = new List<string>();
        var lines = File.ReadAllLines(sourceFile);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("#region ", StringComparison.Ordinal)) continue;
            var end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("#endregion", StringComparison.Ordinal)) end++;
            regions.Add(string.Join('\n', lines[(i + 1)..end]));
            i = end;
        }
        return regions;
    }

    /// <summary>The code with indentation and blank lines taken out, so a block matches however deep its region sits.</summary>
    public static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => Spaces().Replace(l.Trim(), " ")).Where(l => l.Length > 0));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
