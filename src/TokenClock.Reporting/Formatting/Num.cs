using System.Globalization;

namespace TokenClock.Reporting.Formatting;

/// <summary>Culture-invariant number formatting shared by every exporter.</summary>
public static class Num
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Milliseconds with sensible precision: 0.123, 12.3, 1,234.</summary>
    public static string Ms(double v) => !double.IsFinite(v) ? "n/a"
        : Math.Abs(v) >= 1000 ? v.ToString("#,0", Inv)
        : Math.Abs(v) >= 10 ? v.ToString("0.0", Inv)
        : v.ToString("0.000", Inv);

    /// <summary><paramref name="v"/> in the .NET numeric <paramref name="format"/>; NaN and infinities as "n/a".</summary>
    public static string F(double v, string format = "0.##") => double.IsFinite(v) ? v.ToString(format, Inv) : "n/a";

    /// <summary>An integer with thousands separators: 12,345.</summary>
    public static string I(long v) => v.ToString("#,0", Inv);

    /// <summary>A fraction (0.125) as a percentage with one decimal at most ("12.5%"); not finite as "n/a".</summary>
    public static string Pct(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString("0.#", Inv) + "%" : "n/a";

    /// <summary>Value with CI: "123.4 (95% CI 120.1–130.2)".</summary>
    public static string WithCi(double v, double lo, double hi, Func<double, string>? fmt = null)
    {
        fmt ??= Ms;
        return $"{fmt(v)} [{fmt(lo)}–{fmt(hi)}]";
    }

    /// <summary>Round-trip number for machine formats (JSON/CSV).</summary>
    public static string R(double v) => double.IsFinite(v) ? v.ToString("R", Inv) : "";
}
