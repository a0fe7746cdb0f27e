using System.Globalization;

namespace TokenClock.Prediction.Cost;

/// <summary>
/// How old a dated price is. Dates are yyyy, yyyy-MM or yyyy-MM-dd; a coarse date counts from the end of its
/// period (a price dated "2023" is at least as new as 2023-12-31), so the warning never fires early.
/// </summary>
public static class PriceAge
{
    /// <summary>A price older than this many months is stale.</summary>
    public const int StaleAfterMonths = 6;

    /// <summary>The last day <paramref name="date"/> can mean (UTC), or null when it is not a date of those forms.</summary>
    public static DateTime? LatestDay(string date)
    {
        var d = date.Trim();
        if (DateTime.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)) return day;
        if (DateTime.TryParseExact(d, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var month)) return month.AddMonths(1).AddDays(-1);
        if (d.Length == 4 && int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1900 and < 3000) return new DateTime(year, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        return null;
    }

    /// <summary>True when the price is older than six months on <paramref name="today"/>, or its date cannot be read (an undated price is not trusted).</summary>
    public static bool IsStale(string date, DateTime today) =>
        LatestDay(date) is not { } day || day.AddMonths(StaleAfterMonths) < today.Date;
}
