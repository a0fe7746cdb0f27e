using System.Text.Json;

namespace TokenClock.Reporting.Json;

internal static class JsonNumbers
{
    public static void Number(this Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x); else w.WriteNull(name);
    }

    public static void Interval(this Utf8JsonWriter w, string name, double? lo, double? hi)
    {
        w.WriteStartArray(name);
        if (lo is { } l && double.IsFinite(l)) w.WriteNumberValue(l); else w.WriteNullValue();
        if (hi is { } h && double.IsFinite(h)) w.WriteNumberValue(h); else w.WriteNullValue();
        w.WriteEndArray();
    }
}
