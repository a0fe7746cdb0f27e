using TokenClock.Core.Backends;

namespace TokenClock.Server.Protocol;

/// <summary>A chat request as the server understood it, provider-neutral.</summary>
internal sealed record ParsedChatRequest(BackendRequest Request, string? Model, bool Stream, bool IncludeUsage);
