using TokenClock.Core.Backends;

namespace TokenClock.Core.Http;

/// <summary>Per-request state that turns parsed SSE items of one provider into backend events.</summary>
internal interface ISseTranslator<in TItem>
{
    /// <summary>Appends the events for one item; returns true when the item ends the stream.</summary>
    bool Translate(long timestamp, TItem item, List<BackendEvent> output);

    /// <summary>The failure to report when the body ends before the provider's final event.</summary>
    StreamFailed EndedEarly(long timestamp);
}
