namespace TokenClock.Core.Http;

/// <summary>A parsed SSE item with the timestamp of the read that completed it.</summary>
internal readonly record struct TimedItem<T>(long Timestamp, T Item);
