using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// Turns the parser's "Failed to convert '99999999999' to Nullable`1" into a message that names the option, the
/// value, the range its type accepts and a fix. The option is found in the arguments; its type in the settings
/// classes of this program (when every option of that name has the same type).
/// </summary>
internal static partial class OptionValueErrors
{
    public static string? Explain(string message, IReadOnlyList<string> args)
    {
        var m = ConversionFailed().Match(message);
        if (!m.Success) return null;
        var value = m.Groups["value"].Value;
        var option = FindOption(args, value);
        var type = option is null ? null : OptionType(option);
        var name = option is null ? "a value" : option;
        var shown = Shown(value);
        return type is null
            ? $"{name} '{shown}' has the wrong form for this option; see --help for what it takes."
            : $"{name} '{shown}' {Problem(value, type)}";
    }

    private static string Problem(string value, Type type)
    {
        var (min, max, whole) = Range(type);
        if (min is null) return $"is not a valid {type.Name}; see --help for what it takes.";
        var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        var kind = whole ? "a whole number" : "a number";
        var range = $"from {min} to {max}";
        if (!isNumber) return $"is not {kind}; give {kind} {range} (digits, '.' for decimals, no separators).";
        if (whole && Math.Abs(number % 1) > 0) return $"is not a whole number; give a whole number {range}.";
        return $"is out of range: this option takes {kind} {range}; give a smaller value.";
    }

    private static (string? Min, string? Max, bool Whole) Range(Type type)
    {
        static string S(IFormattable v) => v.ToString(null, CultureInfo.InvariantCulture);
        return type switch
        {
            _ when type == typeof(int) => (S(int.MinValue), S(int.MaxValue), true),
            _ when type == typeof(long) => (S(long.MinValue), S(long.MaxValue), true),
            _ when type == typeof(uint) => ("0", S(uint.MaxValue), true),
            _ when type == typeof(ulong) => ("0", S(ulong.MaxValue), true),
            _ when type == typeof(short) => (S(short.MinValue), S(short.MaxValue), true),
            _ when type == typeof(byte) => ("0", S(byte.MaxValue), true),
            _ when type == typeof(double) => ("-1.7976931348623157E+308", "1.7976931348623157E+308", false),
            _ when type == typeof(float) => ("-3.4028235E+38", "3.4028235E+38", false),
            _ when type == typeof(decimal) => (S(decimal.MinValue), S(decimal.MaxValue), false),
            _ => (null, null, false),
        };
    }

    /// <summary>The option whose value is <paramref name="value"/>: "--requests 5" or "--requests=5".</summary>
    internal static string? FindOption(IReadOnlyList<string> args, string value)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a.StartsWith('-') && a.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && a[(eq + 1)..] == value)
                return a[..eq];
            if (a == value && i > 0 && args[i - 1].StartsWith('-') && !args[i - 1].Contains('=', StringComparison.Ordinal))
                return args[i - 1];
        }
        return null;
    }

    private static Type? OptionType(string option)
    {
        var name = option.TrimStart('-');
        var longName = option.StartsWith("--", StringComparison.Ordinal);
        var types = typeof(OptionValueErrors).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.GetCustomAttribute<CommandOptionAttribute>() is { } o
                && (longName ? o.LongNames : o.ShortNames).Contains(name, StringComparer.Ordinal))
            .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)
            .Select(t => t.IsArray ? t.GetElementType()! : t)
            .Distinct()
            .ToList();
        return types.Count == 1 ? types[0] : null;
    }

    // The value came from the command line; keep the message one short line.
    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>[^\s]+?)\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ConversionFailed();
}
