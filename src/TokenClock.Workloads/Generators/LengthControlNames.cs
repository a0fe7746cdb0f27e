namespace TokenClock.Workloads.Generators;

/// <summary>Command-line names of <see cref="LengthControl"/> and the default per backend kind.</summary>
internal static class LengthControlNames
{
    public static IReadOnlyList<string> All { get; } = ["instruction", "min-tokens", "ignore-eos"];

    // Hosted APIs accept neither min_tokens nor ignore_eos.
    private static readonly HashSet<string> Hosted = new(StringComparer.OrdinalIgnoreCase)
    {
        "openai", "azure-openai", "anthropic", "chat-client",
    };

    public static LengthControl DefaultFor(string backendKind) =>
        Hosted.Contains(backendKind) ? LengthControl.Instruction : LengthControl.MinTokens;

    public static string ToName(this LengthControl control) => control switch
    {
        LengthControl.Instruction => "instruction",
        LengthControl.MinTokens => "min-tokens",
        LengthControl.IgnoreEos => "ignore-eos",
        _ => throw new ArgumentOutOfRangeException(nameof(control), control, null),
    };

    public static LengthControl Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "instruction" => LengthControl.Instruction,
        "min-tokens" or "min_tokens" => LengthControl.MinTokens,
        "ignore-eos" or "ignore_eos" => LengthControl.IgnoreEos,
        _ => throw new ArgumentException($"Unknown length control '{name}'. Valid values: {string.Join(", ", All)}.", nameof(name)),
    };
}
