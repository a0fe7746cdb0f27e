using CsCheck;

namespace TokenClock.Tests.Properties;

/// <summary>
/// Deterministic property checks for CI: a fixed PCG seed and a fixed sample count, so a run is reproducible
/// and bounded in time; a failure names the sample index, the seed and the value.
/// </summary>
internal static class Seeded
{
    public static void ForAll<T>(Gen<T> gen, int count, ulong seed, Action<T> property, Func<T, string>? show = null)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"property failed on sample {i} of seed {seed}: {show?.Invoke(value) ?? value?.ToString()}\n{ex}");
            }
        }
    }

    /// <summary>The first value of a seeded stream that satisfies a condition: a reproducible example.</summary>
    public static T First<T>(Gen<T> gen, ulong seed, Func<T, bool> where)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < 10_000; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            if (where(value)) return value;
        }
        throw new InvalidOperationException($"no value of seed {seed} met the condition in 10000 tries");
    }

    /// <summary>Valid input bent by byte flips, insertions, deletions and truncation: the mutations a fuzzer starts with.</summary>
    public static Gen<byte[]> Mutations(params byte[][] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[1, 8], Gen.UInt.Array[16], (which, edits, randoms) =>
        {
            var bytes = new List<byte>(seeds[which]);
            for (var e = 0; e < edits && bytes.Count > 0; e++)
            {
                var r = randoms[e * 2];
                var at = (int)(randoms[e * 2 + 1] % (uint)bytes.Count);
                switch (r % 4)
                {
                    case 0: bytes[at] = (byte)(r >> 8); break;
                    case 1: bytes.Insert(at, (byte)(r >> 8)); break;
                    case 2: bytes.RemoveAt(at); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }
            return bytes.ToArray();
        });
}
