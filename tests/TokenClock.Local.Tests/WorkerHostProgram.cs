namespace TokenClock.Local.Tests;

/// <summary>Entry point used only when the isolation tests start this assembly as a worker child process.</summary>
public static class WorkerHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "local-worker")
            return await TokenClock.Local.Isolation.LocalWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), CancellationToken.None);
        Console.Error.WriteLine("usage: TokenClock.Local.Tests local-worker");
        return 2;
    }
}
