using System.Diagnostics;
using System.Net.Http;
using System.Text;
using TokenClock.Server.Hosting;
using TokenClock.Server.Simulation;

namespace TokenClock.Server.Tests;

/// <summary>Stopping the server cuts what is in flight at once instead of waiting for it to finish.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_with_a_stream_in_flight_cuts_it_within_seconds()
    {
        var server = await TokenClockServer.StartSimulatorAsync(new SimulationProfile
        {
            Ttft = LatencyDistribution.Fixed(60_000),
            Tpot = LatencyDistribution.Fixed(5),
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.OpenAIBaseUrl + "/chat/completions"))
        {
            Content = new StringContent("""{"model":"sim","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"stream":true}""", Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reading = response.Content.ReadAsStringAsync();
        Assert.Equal(1, server.InFlight);

        var watch = Stopwatch.StartNew();
        await server.DisposeAsync();
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {watch.Elapsed.TotalSeconds:0.0} s");
        var cut = await Record.ExceptionAsync(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(cut is HttpRequestException or IOException, $"the cut stream ended without an error: {cut}");
        Assert.Equal(0, server.InFlight);
        Assert.Equal(1, server.CutOnStop);
    }
}
