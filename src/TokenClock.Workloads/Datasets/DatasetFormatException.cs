namespace TokenClock.Workloads.Datasets;

/// <summary>A conversation dataset that cannot be used; the message names the file, the line and the problem.</summary>
public sealed class DatasetFormatException : ArgumentException
{
    /// <summary>A dataset problem described by <paramref name="message"/>.</summary>
    public DatasetFormatException(string message) : base(message)
    {
    }

    /// <summary>A dataset problem caused by <paramref name="inner"/> (e.g. a JSON error).</summary>
    public DatasetFormatException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>A dataset problem with the default message.</summary>
    public DatasetFormatException()
    {
    }
}
