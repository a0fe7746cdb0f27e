namespace TokenClock.Local.Tests;

/// <summary>Entry point used only when the isolation tests start this assembly as a worker child process.</summary>
public static class WorkerHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "local-worker")
            return await TokenClock.Local.Isolation.LocalWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), CancellationToken.None);
        if (args.Length > 0 && args[0] == "watch-parent")
        {
            // A stand-in child for ParentWatch tests: idles until its parent is gone, then says so and exits 3.
            using var gone = new ManualResetEventSlim();
            if (!TokenClock.Core.Processes.ParentWatch.StartIfChild(why => { Console.Error.WriteLine("gone: " + why); gone.Set(); }, watchStdin: false))
                return 4;
            Console.Error.WriteLine("watching");
            gone.Wait(TimeSpan.FromMinutes(2));
            return gone.IsSet ? 3 : 5;
        }
        Console.Error.WriteLine("usage: TokenClock.Local.Tests local-worker|watch-parent");
        return 2;
    }
}
