namespace TokenClock.IntegrationTests.Support;

/// <summary>Tests that start the whole default run (a model load and two measured backends) take turns.</summary>
[CollectionDefinition(Name)]
public sealed class DefaultRunCollection
{
    public const string Name = "default run";
}
