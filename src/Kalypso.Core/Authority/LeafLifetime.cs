namespace Kalypso.Core.Authority;

/// <summary>
/// The bounds on a leaf certificate's lifetime. Short lifetimes are the point: a leaked
/// development certificate stops working within a day by default and a week at most.
/// </summary>
public static class LeafLifetime
{
    /// <summary>The lifetime of a leaf when none is asked for: 24 hours.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);

    /// <summary>The longest lifetime a leaf may have: 7 days.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(7);

    /// <summary>The shortest lifetime a leaf may have: 5 minutes, short enough to watch renewal happen.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(5);

    /// <summary>How far in the past a leaf's notBefore is set, to absorb clock skew between hosts and containers.</summary>
    public static readonly TimeSpan BackdateForClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Returns the lifetime if it is within bounds; refuses it otherwise, never clamping it.</summary>
    /// <param name="lifetime">The requested lifetime, or <see langword="null"/> for the default.</param>
    /// <returns>The lifetime to use.</returns>
    /// <exception cref="KalypsoValidationException">The lifetime is shorter than <see cref="Minimum"/> or longer than <see cref="Maximum"/>.</exception>
    public static TimeSpan Validate(TimeSpan? lifetime)
    {
        var value = lifetime ?? Default;
        if (value < Minimum || value > Maximum)
        {
            throw new KalypsoValidationException("lifetime", "lifetime-bounds",
                $"A lifetime of {Describe(value)} is out of bounds: a certificate lives at least {Describe(Minimum)} and at most {Describe(Maximum)} (168 hours).");
        }
        return value;
    }

    /// <summary>Describes a duration for people: "90 minutes", "24 hours", "7 days".</summary>
    /// <param name="span">The duration.</param>
    /// <returns>A short description.</returns>
    public static string Describe(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0 && span.Ticks != 0) return Plural((long)span.TotalDays, "day");
        if (span.Ticks % TimeSpan.TicksPerHour == 0 && span.Ticks != 0) return Plural((long)span.TotalHours, "hour");
        if (span.Ticks % TimeSpan.TicksPerMinute == 0) return Plural((long)span.TotalMinutes, "minute");
        return Plural((long)span.TotalSeconds, "second");
    }

    private static string Plural(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
