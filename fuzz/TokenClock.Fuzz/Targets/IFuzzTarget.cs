namespace TokenClock.Fuzz.Targets;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> returns normally for any input the parser accepts or rejects
/// with its documented exception; any other exception (or a broken invariant) escapes and is a finding.
/// </summary>
internal interface IFuzzTarget
{
    string Name { get; }

    void Run(ReadOnlySpan<byte> input);
}
