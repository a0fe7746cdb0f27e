using System.Text.Json;
using TokenClock.Core.Results;

namespace TokenClock.Reporting.Json;

/// <summary>snake_case names of enum values in exports (docs/export-schema.md).</summary>
internal static class ExportNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static IEnumerable<string> Flags(RequestFlags flags) =>
        Enum.GetValues<RequestFlags>().Where(f => f != RequestFlags.None && flags.HasFlag(f)).Select(Of);
}
