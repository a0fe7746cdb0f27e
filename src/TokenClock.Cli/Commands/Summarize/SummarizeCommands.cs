using Spectre.Console.Cli;

namespace TokenClock.Cli.Commands.Summarize;

/// <summary>Registers <c>tokenclock summarize</c>.</summary>
public static class SummarizeCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<SummarizeCommand>("summarize")
            .WithDescription("Summarize a document while measuring what the user waits for (first_visible, stages, totals).")
            .WithExample("summarize", "report.txt", "--backend", "local", "--model", "tiny.gguf")
            .WithExample("summarize", "book.md", "--backend", "openai", "--model", "gpt-4o-mini", "--strategy", "map-reduce", "--parallel", "4")
            .WithExample("summarize", "notes.md", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:8080/v1", "--model", "m", "--json");
        config.AddCommand<SummarizeBenchCommand>("summarize-bench")
            .WithDescription("Summarization macro benchmark: pipeline overhead, refine vs map-reduce, parallel map stage.")
            .WithExample("summarize-bench", "--backend", "openai-compatible", "--base-url", "http://127.0.0.1:8080/v1", "--model", "sim", "--chunks", "4");
    }
}
