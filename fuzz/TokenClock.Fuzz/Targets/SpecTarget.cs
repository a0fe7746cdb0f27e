using System.Text;
using TokenClock.Core.Backends;
using TokenClock.Core.Experiments;
using TokenClock.Core.Http;
using TokenClock.Core.Workloads;

namespace TokenClock.Fuzz.Targets;

/// <summary>
/// The experiment spec reader (YAML or JSON, then binding and validation) with the real backend kinds and
/// workloads. Bad specs must be refused with <see cref="SpecValidationException"/>; an accepted spec must
/// pass the load engine's own validation.
/// </summary>
internal sealed class SpecTarget : IFuzzTarget
{
    private readonly ExperimentSpecReader _reader =
        new(HttpBackends.Register(new BackendRegistry()), WorkloadRegistry.CreateDefault());

    public string Name => "spec";

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        ExperimentSpec spec;
        try
        {
            spec = _reader.Read(text, "fuzz.yaml", "fuzz");
        }
        catch (SpecValidationException ex)
        {
            if (ex.Errors.Count == 0 || ex.Errors.Any(string.IsNullOrWhiteSpace))
                throw new FuzzInvariantException("a spec was refused without a message");
            return;
        }
        var cells = spec.Cells();
        if (cells.Count == 0) throw new FuzzInvariantException("an accepted spec has no cells");
        foreach (var c in cells)
        {
            // The reader promises a runnable spec: the engine's own check must agree.
            try
            {
                c.Settings.Load.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new FuzzInvariantException($"cell '{c.Label}' was accepted but cannot run: {ex.Message}");
            }
        }
    }
}
