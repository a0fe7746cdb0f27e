using System.Text;
using TokenClock.IntegrationTests.Support;

namespace TokenClock.IntegrationTests.Results;

/// <summary>
/// Every command that prints, stores or exports runs as a real process against a server that echoes the API key
/// (in 401 bodies, in streamed text and in the model name); then the console output, the database bytes (with
/// its WAL), every report and every export are searched for the key and for a key given in --base-url's query.
/// </summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task No_command_prints_stores_or_exports_an_echoed_key()
    {
        var variable = "TC_LEAK_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var key = "sk-leak-" + Guid.NewGuid().ToString("N");
        var queryKey = "qkey" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            await using var server = new KeyEchoServer();
            using var dir = new TempDir("tc-secrets");
            var db = dir.File("r.db");
            var handWritten = dir.File("report.md");
            await File.WriteAllTextAsync(handWritten, "# my own report\n");
            await File.WriteAllTextAsync(dir.File("doc.txt"), string.Join(' ', Enumerable.Repeat("The harbor ferry left at dawn.", 40)));
            var baseUrl = $"http://127.0.0.1:{server.Port}/v1?api_key={queryKey}";
            string[] Run(string name, params string[] extra) =>
                ["run", "--backend", "openai-compatible", "--base-url", baseUrl, "--model", "m", "--api-key-env", variable,
                 "--prompt", "hi", "--max-tokens", "8", "--requests", "6", "--db", db, "--name", name, .. extra];

            List<string[]> commands =
            [
                Run("leak-a"),
                Run("leak-b", "--json"),
                ["runs", "--db", db], ["runs", "--db", db, "--json"],
                ["report", "--db", db], ["report", "1", "2", "--db", db, "--json", "--format", "console"],
                ["report", "1", "--db", db, "--format", "md", "-o", dir.File("a.md")],
                ["report", "1", "--db", db, "--format", "html", "-o", dir.File("a.html")],
                ["compare", "1", "2", "--db", db], ["compare", "1", "2", "--db", db, "--json"],
                ["export", "1", "--db", db, "--format", "csv", "-o", dir.File("e.csv")],
                ["export", "1", "--db", db, "--format", "json", "-o", dir.File("e.json")],
                ["export", "2", "--db", db, "--format", "json"], ["export", "2", "--db", db, "--format", "csv"],
                ["summarize", dir.File("doc.txt"), "--backend", "openai-compatible", "--base-url", baseUrl, "--model", "m",
                 "--api-key-env", variable, "--db", db],
                ["summarize", dir.File("doc.txt"), "--backend", "openai-compatible", "--base-url", baseUrl, "--model", "m",
                 "--api-key-env", variable, "--db", db, "--json"],
            ];
            var console = new StringBuilder();
            foreach (var args in commands)
            {
                using var child = ChildTokenClock.Start(dir.Path, dir.File("home"), args);
                var exit = await child.WaitAsync(TimeSpan.FromMinutes(2));
                console.Append("$ ").Append(args[0]).Append(" → ").Append(exit).Append('\n').Append(child.Stdout).Append(child.Stderr);
                var output = child.Stdout + child.Stderr;
                Assert.False(output.Contains(key, StringComparison.Ordinal) || output.Contains(queryKey, StringComparison.Ordinal),
                    $"`{string.Join(' ', args)}` printed a key:\n{output}");
            }
            var transcript = console.ToString();

            Assert.Contains($"Bearer {key}", server.Authorizations); // the key really went out, so it could have come back
            Assert.Contains("***", transcript, StringComparison.Ordinal); // and it did come back, masked
            Assert.DoesNotContain(key, transcript, StringComparison.Ordinal);
            Assert.DoesNotContain(queryKey, transcript, StringComparison.Ordinal);

            var files = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(dir.File("home"), StringComparison.Ordinal)).ToArray();
            Assert.Contains(files, f => f.EndsWith(".csv", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith("report.html", StringComparison.Ordinal));
            foreach (var file in files)
            {
                var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
                Assert.False(text.Contains(key, StringComparison.Ordinal), $"{file} holds the API key");
                Assert.False(text.Contains(queryKey, StringComparison.Ordinal), $"{file} holds the --base-url query key");
                Assert.False(text.Contains(key["sk-leak-".Length..], StringComparison.Ordinal), $"{file} holds part of the API key");
            }
            Assert.Equal("# my own report\n", await File.ReadAllTextAsync(handWritten)); // report wrote into its own folder
            Assert.True(File.Exists(dir.File(Path.Combine("tokenclock-report", "run-2", "report.md"))), transcript);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
