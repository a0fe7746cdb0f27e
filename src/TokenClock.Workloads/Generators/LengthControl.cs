namespace TokenClock.Workloads.Generators;

/// <summary>How a prompt asks for a target output length.</summary>
internal enum LengthControl
{
    /// <summary>A length instruction in the prompt and a generous max_tokens (hosted APIs: nothing else exists).</summary>
    Instruction,
    /// <summary>Instruction plus min_tokens ≈ 90% of the target (llama.cpp, vLLM, local engine).</summary>
    MinTokens,
    /// <summary>Exactly max_tokens tokens with EOS ignored: the most precise sweep of output length.</summary>
    IgnoreEos,
}
