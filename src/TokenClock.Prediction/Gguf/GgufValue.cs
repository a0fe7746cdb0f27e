using System.Globalization;

namespace TokenClock.Prediction.Gguf;

/// <summary>
/// One metadata value. Scalars hold their CLR value (byte, sbyte, ushort, short, uint, int, float, bool,
/// string, ulong, long, double); arrays hold a typed CLR array of the element type, or
/// <see cref="GgufValue"/>[] for arrays of arrays.
/// </summary>
public sealed record GgufValue(GgufValueType Type, object Value, GgufValueType ElementType = GgufValueType.UInt8)
{
    /// <summary>A scalar string value.</summary>
    public static GgufValue Of(string value) => new(GgufValueType.String, value);
    /// <summary>A scalar uint value.</summary>
    public static GgufValue Of(uint value) => new(GgufValueType.UInt32, value);
    /// <summary>A scalar int value.</summary>
    public static GgufValue Of(int value) => new(GgufValueType.Int32, value);
    /// <summary>A scalar ulong value.</summary>
    public static GgufValue Of(ulong value) => new(GgufValueType.UInt64, value);
    /// <summary>A scalar long value.</summary>
    public static GgufValue Of(long value) => new(GgufValueType.Int64, value);
    /// <summary>A scalar float value.</summary>
    public static GgufValue Of(float value) => new(GgufValueType.Float32, value);
    /// <summary>A scalar double value.</summary>
    public static GgufValue Of(double value) => new(GgufValueType.Float64, value);
    /// <summary>A scalar bool value.</summary>
    public static GgufValue Of(bool value) => new(GgufValueType.Bool, value);
    /// <summary>A scalar byte value.</summary>
    public static GgufValue Of(byte value) => new(GgufValueType.UInt8, value);
    /// <summary>A scalar sbyte value.</summary>
    public static GgufValue Of(sbyte value) => new(GgufValueType.Int8, value);
    /// <summary>A scalar ushort value.</summary>
    public static GgufValue Of(ushort value) => new(GgufValueType.UInt16, value);
    /// <summary>A scalar short value.</summary>
    public static GgufValue Of(short value) => new(GgufValueType.Int16, value);

    /// <summary>An array of <paramref name="elementType"/> holding <paramref name="items"/> (a CLR array of that type).</summary>
    public static GgufValue Array(GgufValueType elementType, System.Array items) => new(GgufValueType.Array, items, elementType);

    /// <summary>An array of strings.</summary>
    public static GgufValue Strings(IReadOnlyList<string> items) => Array(GgufValueType.String, items.ToArray());

    /// <summary>An array of 32-bit integers.</summary>
    public static GgufValue Int32s(IReadOnlyList<int> items) => Array(GgufValueType.Int32, items.ToArray());

    /// <summary>Elements of an array value; 0 for a scalar.</summary>
    public int ArrayLength => Type == GgufValueType.Array ? ((System.Array)Value).Length : 0;

    /// <summary>Integer value of any integer scalar type (metadata writers disagree on widths).</summary>
    public long AsInt64() => Type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.UInt16 or GgufValueType.Int16
            or GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Int64 => Convert.ToInt64(Value, CultureInfo.InvariantCulture),
        GgufValueType.UInt64 => checked((long)(ulong)Value),
        _ => throw new InvalidOperationException($"metadata value of type {Type} is not an integer"),
    };

    /// <summary>The value of a float or integer scalar as a double; other types throw.</summary>
    public double AsDouble() => Type switch
    {
        GgufValueType.Float32 => (float)Value,
        GgufValueType.Float64 => (double)Value,
        _ => AsInt64(),
    };

    /// <summary>A scalar's invariant text, or "[Type x N]" for an array.</summary>
    public override string ToString() => Type == GgufValueType.Array
        ? $"[{ElementType} x {ArrayLength}]"
        : Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "";
}
