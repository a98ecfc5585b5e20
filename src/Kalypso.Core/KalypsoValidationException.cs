namespace Kalypso.Core;

/// <summary>
/// A request that breaks one of the CA's rules: a name that cannot be certified, a lifetime out
/// of bounds. It names the offending field and the rule, so every door (CLI, HTTP, Aspire) can
/// report it in its own form.
/// </summary>
public sealed class KalypsoValidationException : KalypsoException
{
    /// <summary>Creates a validation error.</summary>
    /// <param name="field">The request field at fault, such as <c>domains</c> or <c>lifetime</c>.</param>
    /// <param name="rule">A short, stable identifier of the rule that was broken, such as <c>dns-label-length</c>.</param>
    /// <param name="message">A sentence naming the offending input and the rule.</param>
    public KalypsoValidationException(string field, string rule, string message) : base(message)
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>The request field at fault.</summary>
    public string Field { get; }

    /// <summary>A short, stable identifier of the broken rule.</summary>
    public string Rule { get; }
}
