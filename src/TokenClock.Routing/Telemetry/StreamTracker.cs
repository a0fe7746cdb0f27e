using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace TokenClock.Routing.Telemetry;

/// <summary>
/// Follows one relayed stream: output tokens (server usage when it comes, else one per text chunk), the last
/// visible token's time, and the gap between consecutive text chunks (recorded as time per output chunk).
/// Kept allocation-free per chunk: the hot path of every streamed response runs through it.
/// </summary>
internal sealed class StreamTracker(GenAiTelemetry telemetry, TagList tags, long timestampFrequency)
{
    private long _lastChunk;
    private int _textChunks;
    private int? _usageOutput;

    public long? LastTextTimestamp { get; private set; }
    public string? ResponseModel { get; private set; }
    public int OutputTokens => _usageOutput ?? _textChunks;

    public void Observe(ChatResponseUpdate update, long timestamp)
    {
        if (update.ModelId is { } model) ResponseModel = model;
        var text = update.Text;
        if (text.Length > 0)
        {
            if (_textChunks > 0)
                telemetry.TimePerOutputChunk.Record((timestamp - _lastChunk) / (double)timestampFrequency, tags);
            _lastChunk = timestamp;
            _textChunks++;
            LastTextTimestamp = timestamp;
        }
        // Usage arrives in a content item; only look when the update carries more than its text.
        else
            foreach (var c in update.Contents)
                if (c is UsageContent { Details.OutputTokenCount: { } o } && o >= 0 && o < int.MaxValue)
                    _usageOutput = (int)o;
    }
}
