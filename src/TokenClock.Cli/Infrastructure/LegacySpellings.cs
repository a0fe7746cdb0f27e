namespace TokenClock.Cli.Infrastructure;

/// <summary>
/// Command spellings from before the CLI tree had one shape. An old spelling either keeps its exact meaning
/// (rewritten to the new command) or is refused with a message naming the new command; never a silent change.
/// Done before parsing because Spectre's branch default commands drop their options (spectre.console #1588).
/// </summary>
internal static class LegacySpellings
{
    /// <summary>Options of the old one-command <c>predict</c> whose mode moved to a subcommand, and where.</summary>
    private static readonly (string Option, string Now)[] MovedPredictModes =
    [
        ("--calibrate", "predict calibrate RUNS|FILE --engine NAME"),
        ("--against", "predict validate --against RUN"),
        ("--train", "predict validate --train SHAPES"),
        ("--measurements", "predict validate --measurements FILE"),
        ("--predict", "predict validate --predict FILE"),
    ];

    public static string[] Rewrite(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length >= 2 && args[0] == "summarize" && args[1] == "bench")
            return ["summarize-bench", .. args[2..]];
        if (args.Length >= 2 && args[0] == "predict" && args[1].StartsWith('-') && args[1] is not ("-h" or "--help" or "-?"))
        {
            foreach (var (option, now) in MovedPredictModes)
            {
                if (args.Any(a => a == option || a.StartsWith(option + "=", StringComparison.Ordinal)))
                    throw new UsageException($"'predict {option}' is now 'tokenclock {now}' (the old one-command predict became a branch; see tokenclock predict --help)");
            }
            // 'predict --model X ...' meant one prediction: that is 'predict model' now, with the same flags.
            return ["predict", "model", .. args[1..]];
        }
        return args;
    }
}
