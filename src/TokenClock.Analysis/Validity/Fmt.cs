using System.Globalization;

namespace TokenClock.Analysis.Validity;

/// <summary>Invariant number formatting for finding messages.</summary>
internal static class Fmt
{
    public static string Ms(double v) => v.ToString(Math.Abs(v) >= 100 ? "#,0" : "0.0", CultureInfo.InvariantCulture) + " ms";
    public static string Pct(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
    public static string Num(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);
    public static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
