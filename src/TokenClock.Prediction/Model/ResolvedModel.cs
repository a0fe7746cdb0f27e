using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Model;

/// <summary>A shape plus the weight format its source implies (a GGUF file's file type, a config's torch_dtype).</summary>
public sealed record ResolvedModel(ModelShape Shape, WeightFormat? ImpliedFormat, string Origin);
