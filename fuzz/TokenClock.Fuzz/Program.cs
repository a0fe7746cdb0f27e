using SharpFuzz;
using TokenClock.Fuzz.Targets;

namespace TokenClock.Fuzz;

/// <summary>
/// <c>TokenClock.Fuzz TARGET</c> runs one target under afl-fuzz (SharpFuzz, persistent: one process, many
/// inputs). <c>TokenClock.Fuzz TARGET --replay FILE...</c> runs saved inputs directly, to reproduce a finding.
/// </summary>
internal static class Program
{
    // Constructed lazily: instrumented code must not run before Fuzzer.Run has mapped AFL's coverage memory.
    private static readonly Dictionary<string, Func<IFuzzTarget>> Targets = new(StringComparer.Ordinal)
    {
        ["sse"] = () => new SseTarget(),
        ["gguf"] = () => new GgufTarget(),
        ["spec"] = () => new SpecTarget(),
        ["request"] = () => new RequestTarget(),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.TryGetValue(args[0], out var create))
        {
            Console.Error.WriteLine($"usage: TokenClock.Fuzz TARGET [--replay FILE...]; TARGET is one of: {string.Join(", ", Targets.Keys)}");
            return 2;
        }
        IFuzzTarget? target = null;
        if (args.Length > 1 && args[1] == "--replay")
        {
            var failed = 0;
            foreach (var file in args.Skip(2))
            {
                try
                {
                    (target ??= create()).Run(File.ReadAllBytes(file));
                    Console.WriteLine($"ok    {file}");
                }
                catch (Exception ex)
                {
                    failed++;
                    Console.WriteLine($"FAIL  {file}: {ex}");
                }
            }
            return failed == 0 ? 0 : 1;
        }
        var buffer = new MemoryStream();
        Fuzzer.Run(stream =>
        {
            buffer.SetLength(0);
            stream.CopyTo(buffer);
            (target ??= create()).Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    }
}
