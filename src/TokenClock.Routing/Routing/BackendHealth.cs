using System.Net;
using TokenClock.Core.Backends;

namespace TokenClock.Routing.Routing;

/// <summary>
/// Steers traffic away from a backend that answered 429 or 5xx: it cools down for the server's Retry-After, or
/// for an exponential back-off (1 s doubling to 30 s) when none was sent. A success ends the cool-down.
/// </summary>
internal sealed class BackendHealth(TimeProvider time)
{
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(30);
    private long _coolUntil;
    private int _failures;

    public bool IsCoolingDown(long now) => now < Volatile.Read(ref _coolUntil);

    public long CoolUntil => Volatile.Read(ref _coolUntil);

    public void Succeeded()
    {
        Volatile.Write(ref _failures, 0);
        Volatile.Write(ref _coolUntil, 0);
    }

    /// <summary>Records a failure; true when it is one that should steer traffic away (429, 5xx).</summary>
    public bool Failed(Exception exception)
    {
        var (status, retryAfter) = Describe(exception);
        if (status is not (429 or >= 500)) return false;
        var failures = Interlocked.Increment(ref _failures);
        var backoff = retryAfter ?? TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, BaseBackoff.Ticks << Math.Min(failures - 1, 5)));
        Volatile.Write(ref _coolUntil, time.GetTimestamp() + (long)(backoff.TotalSeconds * time.TimestampFrequency));
        return true;
    }

    internal static (int? Status, TimeSpan? RetryAfter) Describe(Exception exception) => exception switch
    {
        BackendException b => (b.StatusCode ?? (b.Class == ErrorClass.RateLimited ? 429 : null), b.RetryAfter),
        HttpRequestException h => ((int?)h.StatusCode, null),
        _ => (null, null),
    };

    internal static string ErrorType(Exception exception) => Describe(exception).Status is { } s
        ? s.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : exception is OperationCanceledException ? "cancelled" : exception.GetType().Name;
}
