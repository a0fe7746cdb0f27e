using TokenClock.Core.Backends;

namespace TokenClock.Core.Experiments;

/// <summary>One backend (with one model) under one settings variant; its records carry <see cref="Label"/> as backend.</summary>
public sealed record ExperimentCell(int Index, string Label, BackendOptions Backend, ExperimentSettings Settings);
