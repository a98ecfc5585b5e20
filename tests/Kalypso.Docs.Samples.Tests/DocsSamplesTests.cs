namespace Kalypso.Docs.Samples.Tests;

/// <summary>Every C# block in the docs is code the build compiles (a region in Kalypso.Docs.Samples).</summary>
public sealed class DocsSamplesTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in MarkdownFiles().SelectMany(CodeBlocks.CSharpBlocksIn))
        {
            data.Add(Path.GetRelativePath(Root, block.File), block.Line);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_is_compiled_sample_code(string file, int line)
    {
        var block = CodeBlocks.CSharpBlocksIn(Path.Combine(Root, file)).Single(b => b.Line == line);
        var regions = Directory.EnumerateFiles(Path.Combine(Root, "tests", "Kalypso.Docs.Samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(CodeBlocks.RegionsIn)
            .Select(CodeBlocks.Normalize)
            .ToList();
        var code = CodeBlocks.Normalize(block.Code);
        Assert.True(regions.Any(r => r == code),
            $"{file}:{line}: this C# block is not a #region of tests/Kalypso.Docs.Samples word for word. Put it there so the build compiles it:\n{block.Code}");
    }

    [Fact]
    public void The_guides_have_csharp_blocks_to_check()
    {
        // Guards the theory above against a path or fence change that would find nothing and pass.
        var count = MarkdownFiles().SelectMany(CodeBlocks.CSharpBlocksIn).Count();
        Assert.True(count >= 8, $"Only {count} C# blocks found in docs/*.md and README.md.");
    }

    [Fact]
    public void Regions_and_blocks_are_read_the_way_the_docs_write_them()
    {
        var folder = Directory.CreateTempSubdirectory("kalypso-docs-tests-");
        try
        {
            var markdown = Path.Combine(folder.FullName, "a.md");
            File.WriteAllText(markdown, "text\n```csharp\n  var x = 1;\n\n  Use(x);\n```\n```sh\nls\n```\n");
            var source = Path.Combine(folder.FullName, "a.cs");
            File.WriteAllText(source, "class A {\n    #region one\n        var x = 1;\n        Use(x);\n    #endregion\n}\n");
            var block = Assert.Single(CodeBlocks.CSharpBlocksIn(markdown));
            Assert.Equal(2, block.Line);
            Assert.Equal(CodeBlocks.Normalize(block.Code), CodeBlocks.Normalize(Assert.Single(CodeBlocks.RegionsIn(source))));
            Assert.NotEqual(CodeBlocks.Normalize("var x = 2;"), CodeBlocks.Normalize(block.Code));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> MarkdownFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md")).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kalypso.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Kalypso.sln above {AppContext.BaseDirectory}.");
    }
}
