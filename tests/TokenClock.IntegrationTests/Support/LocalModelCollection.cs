namespace TokenClock.IntegrationTests.Support;

/// <summary>
/// Test classes that run llama.cpp children share this collection, so they run one after another: llama.cpp
/// uses every core, and several at once on a 2-core machine spin against each other (tens of ms per token).
/// </summary>
internal static class LocalModelCollection
{
    public const string Name = "local model children";
}
