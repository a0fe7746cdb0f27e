namespace TokenClock.Workloads.Quality;

/// <summary>ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference.</summary>
internal sealed record RougeScores(RougeScore Rouge1, RougeScore Rouge2, RougeScore RougeL);
