namespace TokenClock.Prediction.Engines;

/// <summary>On-disk form of stored (calibrated) profiles under TOKENCLOCK_HOME.</summary>
internal sealed record EngineProfileFile
{
    public string Schema { get; init; } = "tokenclock.engine-profiles/1";
    public IReadOnlyList<EngineProfile> Profiles { get; init; } = [];
}
