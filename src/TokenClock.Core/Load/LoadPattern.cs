using System.Globalization;

namespace TokenClock.Core.Load;

/// <summary>A load pattern and its parameters, as written in a spec or on the command line.</summary>
public sealed record LoadPattern
{
    public LoadKind Kind { get; init; } = LoadKind.Sequential;
    /// <summary>Closed-loop workers (<see cref="LoadKind.Concurrency"/>); 1 for sequential.</summary>
    public int Concurrency { get; init; } = 1;
    /// <summary>Open-loop arrivals per second (<see cref="LoadKind.Rate"/>).</summary>
    public double Rate { get; init; }
    public ArrivalProcess Arrival { get; init; } = ArrivalProcess.Poisson;
    /// <summary>Coefficient of variation of the gamma inter-arrival gaps (1 = Poisson, &gt;1 = bursty).</summary>
    public double Burstiness { get; init; } = 1.0;
    /// <summary>Seed of the arrival schedule, so open-loop runs are reproducible.</summary>
    public int Seed { get; init; } = 42;

    public static LoadPattern Sequential { get; } = new();

    public static LoadPattern ClosedLoop(int concurrency) => new() { Kind = LoadKind.Concurrency, Concurrency = concurrency };

    public static LoadPattern OpenLoop(double rate, ArrivalProcess arrival = ArrivalProcess.Poisson, double burstiness = 1.0, int seed = 42) =>
        new() { Kind = LoadKind.Rate, Rate = rate, Arrival = arrival, Burstiness = burstiness, Seed = seed };

    public override string ToString() => Kind switch
    {
        LoadKind.Sequential => "sequential",
        LoadKind.Concurrency => string.Create(CultureInfo.InvariantCulture, $"concurrency {Concurrency}"),
        _ => Arrival == ArrivalProcess.Gamma
            ? string.Create(CultureInfo.InvariantCulture, $"rate {Rate} req/s gamma cv={Burstiness}")
            : string.Create(CultureInfo.InvariantCulture, $"rate {Rate} req/s {Arrival.ToString().ToLowerInvariant()}"),
    };
}
