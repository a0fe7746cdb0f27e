namespace TokenClock.Core.Experiments;

/// <summary>
/// An experiment spec (file or flags) that cannot run. Each error names the field path, the bad value and
/// the allowed values; all errors are reported at once, before any request is sent.
/// </summary>
public sealed class SpecValidationException(IReadOnlyList<string> errors)
    : Exception(errors.Count == 1 ? errors[0] : "invalid experiment spec:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
