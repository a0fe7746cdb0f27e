namespace TokenClock.Prediction;

/// <summary>
/// Neutral keys of the settings the prediction library refuses by name (in <see cref="Core.Settings.SettingException"/>);
/// each front end names them its own way (the CLI maps them to its flags).
/// </summary>
public static class PredictionSettings
{
    /// <summary>Key of: the model (catalog shape or GGUF file).</summary>
    public const string Model = "model";
    /// <summary>Key of: the weight number format.</summary>
    public const string WeightFormat = "weight_format";
    /// <summary>Key of: the device.</summary>
    public const string Hardware = "hardware";
    /// <summary>Key of: the serving engine profile.</summary>
    public const string Engine = "engine";
    /// <summary>Key of: the runs an engine is calibrated on.</summary>
    public const string Calibration = "calibration";
    /// <summary>Key of: a layer count that cuts the shape (1 to its own layers).</summary>
    public const string Layers = "layers";
    /// <summary>Key of: prompt length, in tokens.</summary>
    public const string PromptTokens = "prompt_tokens";
    /// <summary>Key of: output length, in tokens.</summary>
    public const string OutputTokens = "output_tokens";
    /// <summary>Key of: sequences served at once.</summary>
    public const string Concurrency = "concurrency";
    /// <summary>Key of: the hosted API model whose price is looked up.</summary>
    public const string ApiModel = "api_model";

    /// <summary>Every key, for front ends that must map all of them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Model, WeightFormat, Hardware, Engine, Calibration, Layers, PromptTokens, OutputTokens, Concurrency, ApiModel];
}
