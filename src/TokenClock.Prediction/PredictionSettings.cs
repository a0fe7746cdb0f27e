namespace TokenClock.Prediction;

/// <summary>
/// Neutral keys of the settings the prediction library refuses by name (in <see cref="Core.Settings.SettingException"/>);
/// each front end names them its own way (the CLI maps them to its flags).
/// </summary>
public static class PredictionSettings
{
    public const string Model = "model";
    public const string WeightFormat = "weight_format";
    public const string Hardware = "hardware";
    public const string Engine = "engine";
    public const string Calibration = "calibration";
    public const string Layers = "layers";
    public const string PromptTokens = "prompt_tokens";
    public const string OutputTokens = "output_tokens";
    public const string Concurrency = "concurrency";
    public const string ApiModel = "api_model";

    /// <summary>Every key, for front ends that must map all of them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Model, WeightFormat, Hardware, Engine, Calibration, Layers, PromptTokens, OutputTokens, Concurrency, ApiModel];
}
