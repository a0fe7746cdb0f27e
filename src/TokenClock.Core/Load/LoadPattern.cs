using System.Globalization;

namespace TokenClock.Core.Load;

/// <summary>A load pattern and its parameters, as written in a spec or on the command line.</summary>
public sealed record LoadPattern
{
    /// <summary>Sequential, closed loop (<see cref="LoadKind.Concurrency"/>) or open loop (<see cref="LoadKind.Rate"/>).</summary>
    public LoadKind Kind { get; init; } = LoadKind.Sequential;
    /// <summary>Closed-loop workers (<see cref="LoadKind.Concurrency"/>); 1 for sequential.</summary>
    public int Concurrency { get; init; } = 1;
    /// <summary>Open-loop arrivals per second (<see cref="LoadKind.Rate"/>).</summary>
    public double Rate { get; init; }
    /// <summary>How open-loop arrival gaps are drawn (<see cref="LoadKind.Rate"/> only); Poisson by default.</summary>
    public ArrivalProcess Arrival { get; init; } = ArrivalProcess.Poisson;
    /// <summary>Coefficient of variation of the gamma inter-arrival gaps (1 = Poisson, &gt;1 = bursty).</summary>
    public double Burstiness { get; init; } = 1.0;
    /// <summary>Seed of the arrival schedule, so open-loop runs are reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>One request at a time, each sent when the previous one ends.</summary>
    public static LoadPattern Sequential { get; } = new();

    /// <summary>A closed loop of <paramref name="concurrency"/> workers, each sending its next request when its previous one ends.</summary>
    public static LoadPattern ClosedLoop(int concurrency) => new() { Kind = LoadKind.Concurrency, Concurrency = concurrency };

    /// <summary>An open loop: requests arrive on a schedule whatever the responses do.</summary>
    /// <param name="rate">Arrivals per second.</param>
    /// <param name="arrival">How the gaps between arrivals are drawn.</param>
    /// <param name="burstiness">Coefficient of variation of gamma gaps (1 = Poisson, &gt;1 = bursty).</param>
    /// <param name="seed">Seed of the arrival schedule.</param>
    public static LoadPattern OpenLoop(double rate, ArrivalProcess arrival = ArrivalProcess.Poisson, double burstiness = 1.0, int seed = 42) =>
        new() { Kind = LoadKind.Rate, Rate = rate, Arrival = arrival, Burstiness = burstiness, Seed = seed };

    /// <summary>The pattern as shown in cell labels, culture-invariant: "sequential", "concurrency 4", "rate 2.5 req/s poisson".</summary>
    public override string ToString() => Kind switch
    {
        LoadKind.Sequential => "sequential",
        LoadKind.Concurrency => string.Create(CultureInfo.InvariantCulture, $"concurrency {Concurrency}"),
        _ => Arrival == ArrivalProcess.Gamma
            ? string.Create(CultureInfo.InvariantCulture, $"rate {Rate} req/s gamma cv={Burstiness}")
            : string.Create(CultureInfo.InvariantCulture, $"rate {Rate} req/s {Arrival.ToString().ToLowerInvariant()}"),
    };
}
