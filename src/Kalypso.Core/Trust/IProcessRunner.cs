namespace Kalypso.Core.Trust;

/// <summary>
/// Runs an OS tool for a trust store. There is one real implementation, <see cref="ProcessRunner"/>;
/// tests substitute a recording one to check the exact arguments a store passes on systems they
/// cannot run on.
/// </summary>
public interface IProcessRunner
{
    /// <summary>Finds a tool: a full path is checked as is, a bare name is looked up on <c>PATH</c>.</summary>
    /// <param name="tool">A command name such as <c>certutil</c>, or a full path.</param>
    /// <returns>The tool's full path, or <see langword="null"/> when it is not installed.</returns>
    string? Find(string tool);

    /// <summary>Runs a tool with an argument list (never through a shell) and waits for it.</summary>
    /// <param name="tool">A command name or full path.</param>
    /// <param name="arguments">The arguments, each passed as one argument.</param>
    /// <param name="timeout">How long to wait before killing it; <see cref="ProcessRunner.DefaultTimeout"/> when omitted.</param>
    /// <returns>What the tool did.</returns>
    /// <exception cref="TrustStoreException">The tool is missing, cannot start, or did not finish in time.</exception>
    ProcessResult Run(string tool, IReadOnlyList<string> arguments, TimeSpan? timeout = null);
}
