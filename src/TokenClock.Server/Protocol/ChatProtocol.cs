namespace TokenClock.Server.Protocol;

/// <summary>Which provider dialect a request arrived in.</summary>
internal enum ChatProtocol
{
    OpenAI,
    Anthropic,
}
