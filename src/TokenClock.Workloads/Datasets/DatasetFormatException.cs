namespace TokenClock.Workloads.Datasets;

/// <summary>A conversation dataset that cannot be used; the message names the file, the line and the problem.</summary>
public sealed class DatasetFormatException : ArgumentException
{
    public DatasetFormatException(string message) : base(message)
    {
    }

    public DatasetFormatException(string message, Exception inner) : base(message, inner)
    {
    }

    public DatasetFormatException()
    {
    }
}
