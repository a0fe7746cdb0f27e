using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>Registers <c>summarize FILE</c> and <c>summarize bench</c>. Spectre cannot give a command a positional
/// argument and subcommands at once, so <c>summarize bench</c> is routed to the hidden <c>summarize-bench</c> (the
/// old spelling, same meaning) before parsing (Infrastructure/LegacySpellings); a file named "bench" is ./bench.</summary>
public static class SummarizeCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<SummarizeCommand>("summarize")
            .WithDescription("Summarize a document while measuring what the user waits for (first_visible, stages, totals). Macro benchmark: summarize bench --help.")
            .WithExample("summarize", "report.txt", "--backend", "local", "--model", "tiny.gguf")
            .WithExample("summarize", "book.md", "--backend", "openai", "--model", "gpt-4o-mini", "--strategy", "map-reduce", "--parallel", "4")
            .WithExample("summarize", "notes.md", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:8080/v1", "--model", "m", "--json");
        config.AddCommand<SummarizeBenchCommand>("summarize-bench")
            .IsHidden()
            .WithDescription("Summarization macro benchmark (tokenclock summarize bench): pipeline overhead, refine vs map-reduce, parallel map stage.")
            .WithExample("summarize-bench", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:8080/v1", "--model", "sim", "--chunks", "4");
    }
}
