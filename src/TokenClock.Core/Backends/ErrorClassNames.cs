using System.Text.Json;

namespace TokenClock.Core.Backends;

/// <summary>The one spelling of error classes outside the code: snake_case (<c>rate_limited</c>), as metrics.md,
/// the JSON documents, the CSV export and the console use it.</summary>
public static class ErrorClassNames
{
    /// <summary>Every failure class in declaration order (<see cref="ErrorClass.None"/> left out).</summary>
    public static IReadOnlyList<ErrorClass> All { get; } = Enum.GetValues<ErrorClass>().Where(e => e != ErrorClass.None).ToArray();

    /// <summary>The snake_case name of an error class (<c>rate_limited</c> for <see cref="ErrorClass.RateLimited"/>).</summary>
    public static string Of(ErrorClass error) => JsonNamingPolicy.SnakeCaseLower.ConvertName(error.ToString());
}
