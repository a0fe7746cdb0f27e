namespace TokenClock.Core.Backends;

/// <summary>Identity of a backend as stored with results. Holds no credentials.</summary>
/// <param name="Name">Display label, unique within a run (e.g. "openai/gpt-4o-mini").</param>
/// <param name="Kind">Registry key: openai-compatible, azure-openai, anthropic, local, chat-client.</param>
/// <param name="Model">Requested model or deployment name.</param>
/// <param name="Endpoint">Base address without query secrets, or a file path for local models.</param>
public sealed record BackendDescriptor(string Name, string Kind, string Model, string? Endpoint = null);
