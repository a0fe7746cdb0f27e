using Microsoft.Extensions.AI;
using TokenClock.Core.Results;

namespace TokenClock.Core.ChatClients;

/// <summary><c>builder.UseTokenClock(...)</c>: records TokenClock metrics for every call of an app's chat client.</summary>
public static class TokenClockChatClientBuilderExtensions
{
    /// <summary>Hands each finished call's record to <paramref name="onRecord"/> (called once per call, after the stream ends).</summary>
    public static ChatClientBuilder UseTokenClock(
        this ChatClientBuilder builder, Action<RequestRecord> onRecord, TokenClockChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(onRecord);
        return builder.Use(inner => new TokenClockChatClient(inner, (r, _) =>
        {
            onRecord(r);
            return ValueTask.CompletedTask;
        }, options));
    }

    /// <summary>Appends each finished call's record to an open run of a result sink (e.g. the SQLite store).</summary>
    public static ChatClientBuilder UseTokenClock(
        this ChatClientBuilder builder, IResultSink sink, long runId, TokenClockChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sink);
        return builder.Use(inner => new TokenClockChatClient(inner, (r, ct) => sink.AppendAsync(runId, r, ct), options));
    }
}
