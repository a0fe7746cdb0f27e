using System.Globalization;

namespace TokenClock.Prediction.Gguf;

/// <summary>
/// One metadata value. Scalars hold their CLR value (byte, sbyte, ushort, short, uint, int, float, bool,
/// string, ulong, long, double); arrays hold a typed CLR array of the element type, or
/// <see cref="GgufValue"/>[] for arrays of arrays.
/// </summary>
public sealed record GgufValue(GgufValueType Type, object Value, GgufValueType ElementType = GgufValueType.UInt8)
{
    public static GgufValue Of(string value) => new(GgufValueType.String, value);
    public static GgufValue Of(uint value) => new(GgufValueType.UInt32, value);
    public static GgufValue Of(int value) => new(GgufValueType.Int32, value);
    public static GgufValue Of(ulong value) => new(GgufValueType.UInt64, value);
    public static GgufValue Of(long value) => new(GgufValueType.Int64, value);
    public static GgufValue Of(float value) => new(GgufValueType.Float32, value);
    public static GgufValue Of(double value) => new(GgufValueType.Float64, value);
    public static GgufValue Of(bool value) => new(GgufValueType.Bool, value);
    public static GgufValue Of(byte value) => new(GgufValueType.UInt8, value);
    public static GgufValue Of(sbyte value) => new(GgufValueType.Int8, value);
    public static GgufValue Of(ushort value) => new(GgufValueType.UInt16, value);
    public static GgufValue Of(short value) => new(GgufValueType.Int16, value);

    public static GgufValue Array(GgufValueType elementType, System.Array items) => new(GgufValueType.Array, items, elementType);

    public static GgufValue Strings(IReadOnlyList<string> items) => Array(GgufValueType.String, items.ToArray());

    public static GgufValue Int32s(IReadOnlyList<int> items) => Array(GgufValueType.Int32, items.ToArray());

    public int ArrayLength => Type == GgufValueType.Array ? ((System.Array)Value).Length : 0;

    /// <summary>Integer value of any integer scalar type (metadata writers disagree on widths).</summary>
    public long AsInt64() => Type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.UInt16 or GgufValueType.Int16
            or GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Int64 => Convert.ToInt64(Value, CultureInfo.InvariantCulture),
        GgufValueType.UInt64 => checked((long)(ulong)Value),
        _ => throw new InvalidOperationException($"metadata value of type {Type} is not an integer"),
    };

    public double AsDouble() => Type switch
    {
        GgufValueType.Float32 => (float)Value,
        GgufValueType.Float64 => (double)Value,
        _ => AsInt64(),
    };

    public override string ToString() => Type == GgufValueType.Array
        ? $"[{ElementType} x {ArrayLength}]"
        : Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "";
}
