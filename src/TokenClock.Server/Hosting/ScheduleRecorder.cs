namespace TokenClock.Server.Hosting;

/// <summary>Mutable per-response builder of a <see cref="ResponseSchedule"/>; one per request, not thread-safe.</summary>
internal sealed class ScheduleRecorder(string id, string protocol, long arrival, TimeProvider time)
{
    private readonly List<ScheduledChunk> _chunks = [];
    private double? _firstEvent, _firstToken, _end;
    private int _tokens;

    public string Id { get; } = id;
    public long ArrivalTimestamp { get; } = arrival;
    public string? Model { get; set; }
    public int? Seed { get; set; }
    public string Fault { get; set; } = "none";
    public int Status { get; set; } = 200;
    public double QueueMs { get; set; }
    public bool Completed { get; set; }

    public double NowMs() => time.GetElapsedTime(ArrivalTimestamp).TotalMilliseconds;

    public void Event() => _firstEvent ??= NowMs();

    public void Chunk(int tokens, int chars, bool reasoning)
    {
        var t = NowMs();
        _firstEvent ??= t;
        if (!reasoning) _firstToken ??= t;
        _tokens += reasoning ? 0 : tokens;
        _chunks.Add(new ScheduledChunk(t, tokens, chars, reasoning));
    }

    public void End() => _end ??= NowMs();

    public ResponseSchedule Freeze() => new()
    {
        Id = Id,
        Protocol = protocol,
        Model = Model,
        Seed = Seed,
        ArrivalTimestamp = ArrivalTimestamp,
        TimestampFrequency = time.TimestampFrequency,
        Fault = Fault,
        Status = Status,
        QueueMs = QueueMs,
        FirstEventMs = _firstEvent,
        FirstTokenMs = _firstToken,
        EndMs = _end ?? NowMs(),
        OutputTokens = _tokens,
        Completed = Completed,
        Chunks = _chunks.ToArray(),
    };
}
