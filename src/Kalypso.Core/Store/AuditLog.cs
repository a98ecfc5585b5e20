using System.Text.Json;

namespace Kalypso.Core.Store;

/// <summary>
/// An append-only log with one JSON line per certificate issued, shared by every process that
/// issues from the same store. Each line is written whole under an exclusive file lock, so
/// lines from concurrent processes never interleave.
/// </summary>
public sealed class AuditLog
{
    private readonly Lock _gate = new();
    private long _countedLength;
    private long _countedLines;

    /// <summary>Opens the log at a path; the file is created on the first append.</summary>
    /// <param name="path">The log file.</param>
    public AuditLog(string path) => Path = path;

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Appends one entry as one line.</summary>
    /// <param name="entry">The issuance to record.</param>
    public void Append(AuditEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, AuditJsonContext.Default.AuditEntry);
        var bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';

        lock (_gate)
        {
            using var file = LockedFile.Open(Path, FileMode.Append, FileAccess.Write, FileShare.None);
            file.Write(bytes);
            file.Flush();
        }
    }

    /// <summary>Reads every entry; a line that is not a well-formed entry throws.</summary>
    /// <returns>The entries, oldest first.</returns>
    public IReadOnlyList<AuditEntry> ReadAll()
    {
        if (!File.Exists(Path)) return [];
        return LockedFile.ReadAllText(Path).Split('\n')
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditEntry)
                ?? throw new KalypsoException($"The audit log {Path} has an empty entry."))
            .ToList();
    }

    /// <summary>How many certificates the log records, from whichever process issued them. Reads only what was appended since the last count.</summary>
    /// <returns>The number of lines.</returns>
    public long Count()
    {
        lock (_gate)
        {
            if (!File.Exists(Path)) return 0;
            using var file = LockedFile.Open(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (file.Length < _countedLength) (_countedLength, _countedLines) = (0, 0);
            file.Position = _countedLength;
            Span<byte> buffer = stackalloc byte[8192];
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                _countedLines += buffer[..read].Count((byte)'\n');
                _countedLength += read;
            }
            return _countedLines;
        }
    }
}
