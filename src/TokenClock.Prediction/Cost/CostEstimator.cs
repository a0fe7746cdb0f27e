using TokenClock.Prediction.Hardware;

namespace TokenClock.Prediction.Cost;

/// <summary>
/// Rented hardware is paid by the hour whether busy or not; at steady state with <c>concurrency</c> requests in
/// flight, the device finishes that many requests every E2E, so one request costs price·E2E / concurrency.
/// </summary>
public static class CostEstimator
{
    /// <summary>USD per request: <paramref name="usdPerHour"/> × <paramref name="e2eMs"/> / <paramref name="concurrency"/>.</summary>
    public static double UsdPerRequest(double usdPerHour, double e2eMs, int concurrency)
    {
        if (concurrency < 1) throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency, "concurrency must be at least 1");
        return usdPerHour / 3_600_000.0 * e2eMs / concurrency;
    }

    /// <summary>The cost per request at each of <paramref name="hardware"/>'s hourly prices.</summary>
    public static IReadOnlyList<HardwareCost> ForHardware(HardwareSpec hardware, double e2eMs, int concurrency) =>
        hardware.Prices.Select(p => new HardwareCost(p.Provider, p.UsdPerHour, p.Date, p.Note, UsdPerRequest(p.UsdPerHour, e2eMs, concurrency))).ToList();
}
