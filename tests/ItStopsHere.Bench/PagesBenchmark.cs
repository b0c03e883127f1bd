namespace ItStopsHere.Bench;

/// <summary>Requests per second and p99 for the home page, the pledge form, the help page and a static file, in one run.</summary>
public static class PagesBenchmark
{
    public static readonly string[] Paths = ["/", "/pledge", "/help", "/css/site.css"];

    public static async Task<List<LoadResult>> RunAsync(AppProcess app, BenchOptions options, int concurrency = 64)
    {
        var results = new List<LoadResult>();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(30) };
        // As behind the TLS proxy (see PledgeClient): /pledge sets a Secure antiforgery cookie.
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        foreach (var path in Paths)
        {
            using (var probe = await client.GetAsync(path))
            {
                if (!probe.IsSuccessStatusCode)
                {
                    Console.WriteLine($"  skipping {path}: it answered {(int)probe.StatusCode}");
                    continue;
                }
            }

            var result = await LoadRun.RunAsync($"GET {path}", concurrency, TimeSpan.FromSeconds(options.Seconds), TimeSpan.FromSeconds(options.WarmUpSeconds),
                _ => Task.FromResult<Func<CancellationToken, Task<bool>>>(async token =>
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, token);
                    return response.IsSuccessStatusCode;
                }));
            results.Add(result);
            Report.PrintRow(result);
        }

        return results;
    }
}
