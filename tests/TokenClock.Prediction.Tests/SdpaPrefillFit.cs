using TokenClock.Prediction.Calibration;
using TokenClock.Prediction.Engines;
using TokenClock.Prediction.Model;

namespace TokenClock.Prediction.Tests;

/// <summary>
/// The hand fit behind hf-sdpa's prefill numbers (OtherEngines), runnable on any subset of shapes so it can be
/// checked leave-one-shape-out. Host-bound points (compute roofline at the prior's efficiency under a third of the
/// measured time) set step + layer·n: a line through two or more shapes, the prior's step/layer ratio scaled to one
/// shape. Compute-bound points (roofline over two thirds of the measured time) set the compute efficiency. A number
/// the points do not identify keeps the prior's value (hf-eager, fitted on the 2026-11-26 data).
/// </summary>
internal static class SdpaPrefillFit
{
    public static EngineProfile Fit(IReadOnlyList<MeasuredPoint> points, EngineProfile prior)
    {
        var free = prior with { PerStepOverheadMs = 0, PerLayerOverheadMs = 0 };
        PassTime Pass(MeasuredPoint p, EngineProfile e) => ForwardPassModel.PrefillTime(p.Shape, p.Format, p.Hardware, e, 1, p.PromptTokens);

        var host = points.Where(p => Pass(p, free).ComputeMs < p.TtftMs!.Value / 3)
            .GroupBy(p => p.Shape.Layers).Select(g => (Layers: (double)g.Key, Ms: g.Min(p => p.TtftMs!.Value))).ToList();
        double step = prior.PerStepOverheadMs, layer = prior.PerLayerOverheadMs;
        if (host.Count >= 2)
        {
            var (mx, my) = (host.Average(h => h.Layers), host.Average(h => h.Ms));
            layer = host.Sum(h => (h.Layers - mx) * (h.Ms - my)) / host.Sum(h => (h.Layers - mx) * (h.Layers - mx));
            step = my - layer * mx;
        }
        else if (host.Count == 1)
        {
            var scale = host[0].Ms / (prior.PerStepOverheadMs + prior.PerLayerOverheadMs * host[0].Layers);
            (step, layer) = (prior.PerStepOverheadMs * scale, prior.PerLayerOverheadMs * scale);
        }

        var compute = points.Where(p => Pass(p, free).ComputeMs > p.TtftMs!.Value * 2 / 3)
            .Select(p => prior.ComputeEfficiency * Pass(p, free).ComputeMs / p.TtftMs!.Value).ToList();
        return prior with
        {
            PerStepOverheadMs = step, PerLayerOverheadMs = layer,
            ComputeEfficiency = compute.Count > 0 ? compute.Average() : prior.ComputeEfficiency,
        };
    }
}
