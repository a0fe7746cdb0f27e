namespace TokenClock.Core.Tests.Http;

/// <summary>A clock that only moves when told to (timestamps are byte positions in these tests).</summary>
internal sealed class StepClock : TimeProvider
{
    public long Now { get; set; }

    public override long GetTimestamp() => Now;

    public override long TimestampFrequency => 1_000_000_000;
}
