using System.Globalization;
using System.Text.RegularExpressions;

namespace Kalypso.Core.Tests.Support;

/// <summary>One X509v3 extension as openssl prints it.</summary>
public sealed record OpensslExtension(string Name, bool Critical, IReadOnlyList<string> Lines)
{
    /// <summary>The value lines joined by a single space.</summary>
    public string Value => string.Join(' ', Lines);
}

/// <summary>
/// The fields of <c>openssl x509 -text -noout</c> output, parsed by indentation, so tests compare
/// what openssl itself understood the certificate to say (not what .NET wrote).
/// </summary>
public sealed partial class OpensslCertificateText
{
    private OpensslCertificateText(string raw) => Raw = raw;

    public string Raw { get; }
    public int Version { get; private set; }
    public string SerialHex { get; private set; } = "";
    public bool SerialNegative { get; private set; }
    public string SignatureAlgorithm { get; private set; } = "";
    public string Issuer { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public DateTimeOffset NotBefore { get; private set; }
    public DateTimeOffset NotAfter { get; private set; }
    public string PublicKeyAlgorithm { get; private set; } = "";
    public int PublicKeyBits { get; private set; }
    public string? NistCurve { get; private set; }
    public IReadOnlyDictionary<string, OpensslExtension> Extensions { get; private set; } = new Dictionary<string, OpensslExtension>();

    public OpensslExtension Extension(string name) =>
        Extensions.TryGetValue(name, out var extension) ? extension
            : throw new Xunit.Sdk.XunitException($"openssl shows no '{name}' extension; it shows: {string.Join(", ", Extensions.Keys)}\n{Raw}");

    public static OpensslCertificateText Parse(string text)
    {
        var result = new OpensslCertificateText(text);
        var lines = text.Replace("\r", "").Split('\n');
        var extensions = new Dictionary<string, OpensslExtension>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("Version:", StringComparison.Ordinal))
            {
                result.Version = int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Serial Number:", StringComparison.Ordinal))
            {
                var inline = line["Serial Number:".Length..].Trim();
                if (inline.Length == 0 || inline == "(Negative)")
                {
                    // Long serials: hex bytes on the next line, "(Negative)" on this one if negative.
                    result.SerialNegative = inline == "(Negative)";
                    result.SerialHex = lines[++i].Trim().Replace(":", "").ToUpperInvariant();
                }
                else
                {
                    // Short serials: "123 (0x7b)".
                    result.SerialNegative = inline.StartsWith('-');
                    result.SerialHex = HexInParentheses().Match(inline).Groups[1].Value.ToUpperInvariant();
                }
            }
            else if (line.StartsWith("Signature Algorithm:", StringComparison.Ordinal) && result.SignatureAlgorithm.Length == 0)
            {
                result.SignatureAlgorithm = line["Signature Algorithm:".Length..].Trim();
            }
            else if (line.StartsWith("Issuer:", StringComparison.Ordinal)) result.Issuer = line["Issuer:".Length..].Trim();
            else if (line.StartsWith("Subject:", StringComparison.Ordinal)) result.Subject = line["Subject:".Length..].Trim();
            else if (line.StartsWith("Not Before:", StringComparison.Ordinal)) result.NotBefore = ParseTime(line["Not Before:".Length..]);
            else if (line.StartsWith("Not After :", StringComparison.Ordinal)) result.NotAfter = ParseTime(line["Not After :".Length..]);
            else if (line.StartsWith("Public Key Algorithm:", StringComparison.Ordinal)) result.PublicKeyAlgorithm = line["Public Key Algorithm:".Length..].Trim();
            else if (PublicKeySize().Match(line) is { Success: true } size) result.PublicKeyBits = int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture);
            else if (line.StartsWith("NIST CURVE:", StringComparison.Ordinal)) result.NistCurve = line["NIST CURVE:".Length..].Trim();
            else if (line == "X509v3 extensions:")
            {
                i = ReadExtensions(lines, i, extensions);
            }
        }
        result.Extensions = extensions;
        return result;
    }

    // Extension headers sit one indentation step below "X509v3 extensions:"; their values deeper.
    private static int ReadExtensions(string[] lines, int start, Dictionary<string, OpensslExtension> extensions)
    {
        var baseIndent = Indent(lines[start]);
        var i = start + 1;
        string? name = null;
        var critical = false;
        var values = new List<string>();
        var headerIndent = -1;
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            var indent = Indent(line);
            if (indent <= baseIndent) break;
            if (headerIndent < 0) headerIndent = indent;
            if (indent == headerIndent)
            {
                if (name is not null) extensions.Add(name, new OpensslExtension(name, critical, values));
                var header = line.Trim();
                critical = header.EndsWith(": critical", StringComparison.Ordinal);
                name = header[..header.LastIndexOf(':')];
                values = [];
            }
            else
            {
                values.Add(line.Trim());
            }
        }
        if (name is not null) extensions.Add(name, new OpensslExtension(name, critical, values));
        return i - 1;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static DateTimeOffset ParseTime(string text)
    {
        var compact = string.Join(' ', text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return DateTimeOffset.ParseExact(compact, "MMM d HH:mm:ss yyyy 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    [GeneratedRegex(@"\(0x([0-9a-fA-F]+)\)")]
    private static partial Regex HexInParentheses();

    [GeneratedRegex(@"^(?:Public-Key|RSA Public-Key): \((\d+) bit\)$")]
    private static partial Regex PublicKeySize();
}
