using TokenClock.Core.Backends;

namespace TokenClock.Core.Workloads;

/// <summary>The same request every time (the one-off <c>--prompt</c> run).</summary>
internal sealed class FixedPromptSource(BackendRequest request) : IRequestSource
{
    public string Name => "prompt";

    public BackendRequest GetRequest(int index) => request;
}
