namespace TokenClock.Local.Twins;

/// <summary>
/// A small seeded generator (xorshift64*): the same seed gives the same twin on every machine and .NET
/// version, and it fills hundreds of millions of weights in seconds.
/// </summary>
internal sealed class XorShiftRandom(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public ulong NextUInt64()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform values with mean 0 and standard deviation <paramref name="std"/>.</summary>
    public void FillUniform(Span<float> values, float std)
    {
        var scale = std * MathF.Sqrt(3f) * 2f / (1 << 24);
        var offset = std * MathF.Sqrt(3f);
        var i = 0;
        for (; i + 1 < values.Length; i += 2)
        {
            var r = NextUInt64();
            values[i] = (r & 0xFFFFFF) * scale - offset;
            values[i + 1] = ((r >> 32) & 0xFFFFFF) * scale - offset;
        }
        if (i < values.Length) values[i] = (NextUInt64() & 0xFFFFFF) * scale - offset;
    }
}
