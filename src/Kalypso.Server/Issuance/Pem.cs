namespace Kalypso.Server.Issuance;

/// <summary>PEM text as files hold it: every block ends in a newline, so blocks can be concatenated.</summary>
internal static class Pem
{
    public static string WithNewline(string pem) => pem.EndsWith('\n') ? pem : pem + "\n";
}
