using System.Globalization;
using TokenClock.Core.Settings;

namespace TokenClock.Workloads.Lengths;

/// <summary>
/// Token lengths drawn per request index, reproducibly: the same spec, seed and index always give the same
/// length, whatever order requests are built in (each index has its own seeded generator). Specs:
/// <c>fixed:N</c>, <c>uniform:MIN,MAX</c> (inclusive), <c>normal:MEAN,STD</c>, <c>lognormal:MEAN,STD</c> (the
/// lengths' own mean and standard deviation, as traffic traces report them) and <c>file:PATH</c> (one whole
/// number per line, drawn uniformly). Normal and lognormal draws are clamped to [1, <see cref="MaxLength"/>]
/// and rounded.
/// </summary>
internal sealed class LengthDistribution
{
    public const int MaxLength = 1_000_000;
    public static IReadOnlyList<string> Kinds { get; } = ["fixed", "uniform", "normal", "lognormal", "file"];

    private readonly Func<Random, int> _draw;
    private readonly int _seed;

    private LengthDistribution(string spec, Func<Random, int> draw, int seed, double mean)
    {
        Spec = spec;
        _draw = draw;
        _seed = seed;
        Mean = mean;
    }

    /// <summary>The spec as given (stored in request tags).</summary>
    public string Spec { get; }

    /// <summary>The distribution's mean length before clamping (for summaries).</summary>
    public double Mean { get; }

    public int Sample(int index)
    {
        // One generator per (seed, index): order-independent and reproducible across runs and processes.
        var rng = new Random(unchecked(_seed * 1_000_003 + index * 7919 + 17));
        return Math.Clamp(_draw(rng), 1, MaxLength);
    }

    /// <summary>Reads a length distribution such as <c>uniform:100,400</c>.</summary>
    /// <param name="spec">The distribution text.</param>
    /// <param name="seed">Seed of the draws (with the request index).</param>
    /// <param name="field">The key of the option being parsed (e.g. "workload_options.prompt_tokens_dist"), the setting of errors.</param>
    /// <exception cref="SettingException">Keyed by <paramref name="field"/>; names the value and a valid example.</exception>
    public static LengthDistribution Parse(string spec, string field, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        var args = colon < 0 ? "" : spec[(colon + 1)..].Trim();
        SettingException Bad(string why) => new(SettingProblem.Field(field, $"'{spec}' {why}; write e.g. fixed:512, uniform:128,1024, normal:512,128, lognormal:400,300 or file:lengths.txt"));

        if (kind == "file")
        {
            if (args.Length == 0) throw Bad("names no file");
            if (!File.Exists(args)) throw Bad($"names a file that does not exist ({Path.GetFullPath(args)})");
            var values = new List<int>();
            var n = 0;
            foreach (var line in File.ReadLines(args))
            {
                n++;
                if (line.Trim().Length == 0) continue;
                if (!int.TryParse(line.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 1 || v > MaxLength)
                    throw Bad(string.Create(CultureInfo.InvariantCulture, $"has '{line.Trim()}' on line {n}, not a length from 1 to {MaxLength}"));
                values.Add(v);
            }
            if (values.Count == 0) throw Bad("names a file with no lengths");
            var array = values.ToArray();
            return new LengthDistribution(spec, r => array[r.Next(array.Length)], seed, array.Average());
        }

        var numbers = args.Length == 0 ? [] : args.Split(',').Select(a => a.Trim()).ToArray();
        var parsed = new double[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!double.TryParse(numbers[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i]) || !double.IsFinite(parsed[i]))
                throw Bad($"has '{numbers[i]}', which is not a number");
        }
        void Arity(int count, string names)
        {
            if (parsed.Length != count) throw Bad($"needs {names} for {kind}");
        }
        switch (kind)
        {
            case "fixed":
                Arity(1, "one length");
                if (parsed[0] < 1 || parsed[0] > MaxLength || parsed[0] != Math.Floor(parsed[0])) throw Bad($"needs a whole length from 1 to {MaxLength}");
                var n = (int)parsed[0];
                return new LengthDistribution(spec, _ => n, seed, n);
            case "uniform":
                Arity(2, "MIN,MAX");
                var (min, max) = ((int)parsed[0], (int)parsed[1]);
                if (min != parsed[0] || max != parsed[1] || min < 1 || max > MaxLength || min > max) throw Bad($"needs whole MIN <= MAX from 1 to {MaxLength}");
                return new LengthDistribution(spec, r => r.Next(min, max + 1), seed, (min + max) / 2.0);
            case "normal":
                Arity(2, "MEAN,STD");
                if (parsed[0] < 1 || parsed[0] > MaxLength || parsed[1] < 0) throw Bad($"needs MEAN from 1 to {MaxLength} and STD >= 0");
                var (mean, std) = (parsed[0], parsed[1]);
                return new LengthDistribution(spec, r => (int)Math.Round(mean + std * Gaussian(r)), seed, mean);
            case "lognormal":
                Arity(2, "MEAN,STD");
                if (parsed[0] < 1 || parsed[0] > MaxLength || parsed[1] <= 0) throw Bad($"needs MEAN from 1 to {MaxLength} and STD > 0");
                // The underlying normal's parameters from the lengths' mean m and standard deviation s.
                var sigma2 = Math.Log(1 + parsed[1] * parsed[1] / (parsed[0] * parsed[0]));
                var mu = Math.Log(parsed[0]) - sigma2 / 2;
                var sigma = Math.Sqrt(sigma2);
                return new LengthDistribution(spec, r => (int)Math.Round(Math.Exp(mu + sigma * Gaussian(r))), seed, parsed[0]);
            default:
                throw Bad($"is not a distribution ({string.Join(", ", Kinds)})");
        }
    }

    // Box-Muller: one standard normal draw from two uniforms (1 - U avoids log(0)).
    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
