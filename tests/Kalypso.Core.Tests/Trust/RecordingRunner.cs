using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

/// <summary>
/// Stands in for the OS tools of systems these tests cannot run on (macOS, Windows, Fedora):
/// records every command exactly and answers with the output a real tool gives.
/// </summary>
internal sealed class RecordingRunner(Func<string, IReadOnlyList<string>, ProcessResult> answer, params string[] installed) : IProcessRunner
{
    public List<(string Tool, IReadOnlyList<string> Arguments, TimeSpan? Timeout)> Calls { get; } = [];

    public string? Find(string tool) => installed.Contains(tool) ? tool : null;

    public ProcessResult Run(string tool, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        Calls.Add((tool, arguments.ToArray(), timeout));
        return answer(tool, arguments);
    }

    public IReadOnlyList<string> Commands => Calls.Select(c => c.Tool + " " + string.Join(' ', c.Arguments)).ToList();

    public static ProcessResult Ok(string output = "") => new(0, output, "");

    public static ProcessResult Fail(int code, string error) => new(code, "", error);
}
