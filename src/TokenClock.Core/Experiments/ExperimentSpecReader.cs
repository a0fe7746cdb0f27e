using System.Text.RegularExpressions;
using TokenClock.Core.Backends;
using TokenClock.Core.Load;
using TokenClock.Core.Settings;
using TokenClock.Core.Timing;
using TokenClock.Core.Workloads;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Reads an experiment spec from YAML or JSON (or a tree built from command-line flags) and validates all of
/// it against the registered backend kinds and workloads, before anything is sent. Field names are
/// snake_case; a <c>settings</c> list makes variants that override the top-level values.
/// </summary>
public sealed partial class ExperimentSpecReader(BackendRegistry backends, WorkloadRegistry workloads)
{
    /// <summary>The total per-request limit when a spec sets no <c>timeout</c>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
    /// <summary>The request count when a spec sets neither <c>requests</c>, <c>repetitions</c> nor <c>duration</c>.</summary>
    public const int DefaultRequests = 10;
    /// <summary>The workload that <c>dataset: FILE</c> selects.</summary>
    public const string DatasetWorkload = "dataset";

    private static readonly string[] BackendFields =
        ["kind", "name", "model", "models", "base_url", "api_key_env", "deployment", "api_version", "timeout", "settings"];
    private static readonly string[] SettingFields =
        ["label", "workload", "dataset", "workload_options", "prompt", "system_prompt", "max_tokens", "temperature", "min_tokens",
         "ignore_eos", "seed", "requests", "repetitions", "warmup", "load", "duration", "timeout", "max_in_flight",
         "connect_timeout", "first_byte_timeout", "idle_timeout"];
    private static readonly string[] TopFields = [.. SettingFields.Where(f => f != "label"), "name", "backends", "models", "settings", "slo", "scrape", "cluster"];

    private static readonly Dictionary<string, LoadKind> Patterns = new()
    {
        ["sequential"] = LoadKind.Sequential, ["concurrency"] = LoadKind.Concurrency, ["rate"] = LoadKind.Rate,
    };
    private static readonly Dictionary<string, ArrivalProcess> Arrivals = new()
    {
        ["constant"] = ArrivalProcess.Constant, ["poisson"] = ArrivalProcess.Poisson, ["gamma"] = ArrivalProcess.Gamma,
    };

    /// <summary>Reads and validates a YAML or JSON spec file; the run is named after the file when the spec gives no name. Throws <see cref="SpecValidationException"/> with every problem.</summary>
    public ExperimentSpec ReadFile(string path) =>
        Bind(SpecTree.ReadFile(path), Path.GetFileNameWithoutExtension(path));

    /// <summary>Parses and validates spec text; throws <see cref="SpecValidationException"/> with every problem.</summary>
    /// <param name="text">The spec as YAML or JSON (JSON when its first non-blank character is <c>{</c>).</param>
    /// <param name="sourceName">Names the source in syntax errors.</param>
    /// <param name="defaultName">The run's name when the spec gives none; null means "run".</param>
    public ExperimentSpec Read(string text, string sourceName = "spec", string? defaultName = null) =>
        Bind(SpecTree.Parse(text, sourceName), defaultName);

    /// <summary>Binds and validates a tree (from <see cref="SpecTree"/> or built from flags).</summary>
    public ExperimentSpec Bind(Dictionary<string, object?> tree, string? defaultName = null)
    {
        var b = new SpecBinder();
        b.CheckFields(tree, "", TopFields);
        var name = b.Text(tree.GetValueOrDefault("name"), "name") ?? defaultName ?? "run";

        var topModels = StringList(b, tree.GetValueOrDefault("models"), "models");
        var backendOptions = BindBackends(b, tree.GetValueOrDefault("backends"), topModels);

        var settings = new List<ExperimentSettings>();
        var variants = b.List(tree.GetValueOrDefault("settings"), "settings");
        if (variants is null || variants.Count == 0)
        {
            settings.AddRange(BindSettings(b, new Layers(tree, ""), ""));
        }
        else
        {
            for (var j = 0; j < variants.Count; j++)
            {
                var path = $"settings[{j}]";
                var variant = b.Map(variants[j], path) ?? [];
                b.CheckFields(variant, path, SettingFields);
                settings.AddRange(BindSettings(b, new Layers(variant, path, tree), path + "."));
            }
        }

        RefuseUnsentFields(b, backendOptions, settings, variants is { Count: > 0 });
        if (settings.Any(x => x.RateSweepPoints is not null) && (settings.Count > 1 || backendOptions.Count > 1))
            b.Error("load.rate", "'sweep' plans its rates from one backend's measured throughput: give one backend and one settings variant (or a list of rates instead of sweep)");

        var slo = BindSlo(b, tree.GetValueOrDefault("slo"));
        var scrape = BindScrape(b, tree.GetValueOrDefault("scrape"));
        var cluster = ClusterSpecBinder.Bind(b, tree.GetValueOrDefault("cluster"));

        // Top-level values are read once per variant; report each problem once.
        if (b.Errors.Count > 0) throw new SpecValidationException(b.Errors.DistinctBy(e => e.ToString(), StringComparer.Ordinal).ToArray());
        return new ExperimentSpec { Name = name, Backends = backendOptions, Settings = settings, Slo = slo, Scrape = scrape, Cluster = cluster };
    }

    /// <summary><c>slo: "ttft_p99&lt;=1s,tpot&lt;=50ms"</c> or a list of such terms; its grammar is checked where it is judged.</summary>
    private static string? BindSlo(SpecBinder b, object? node)
    {
        if (node is List<object?> list)
        {
            var terms = new List<string>();
            for (var i = 0; i < list.Count; i++)
                if (b.Text(list[i], $"slo[{i}]") is { } term) terms.Add(term.Trim());
            if (terms.Count == 0) b.Error("slo", "the list is empty; give terms such as [ttft_p99<=1s, tpot<=50ms], or drop slo");
            return terms.Count == 0 ? null : string.Join(",", terms);
        }
        var text = b.Text(node, "slo");
        if (text is not null && string.IsNullOrWhiteSpace(text)) b.Error("slo", "is empty; give e.g. ttft_p99<=1s,tpot<=50ms, or drop slo");
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary><c>scrape: { url: URL|auto, interval: 1s }</c>, or <c>scrape: URL</c>.</summary>
    private static ScrapeSpec? BindScrape(SpecBinder b, object? node)
    {
        if (node is null) return null;
        string? url;
        TimeSpan? interval = null;
        if (node is string text)
        {
            url = b.Text(text, "scrape");
        }
        else
        {
            var map = b.Map(node, "scrape");
            if (map is null) return null;
            b.CheckFields(map, "scrape", ["url", "interval"]);
            url = b.Text(map.GetValueOrDefault("url"), "scrape.url");
            interval = b.Duration(map.GetValueOrDefault("interval"), "scrape.interval");
            if (url is null) b.Error("scrape.url", "missing; give the server's /metrics URL, or auto to derive it from the backend's base_url");
            if (interval is { } i && (i < ServerMetrics.ServerMetricsScraper.MinInterval || i > TimeSpan.FromMinutes(10)))
                b.Error("scrape.interval", $"'{map["interval"]}' is outside {ServerMetrics.ServerMetricsScraper.MinInterval.TotalMilliseconds:0}ms to 10m; write e.g. 500ms, 1s, 5s");
        }
        if (url is null) return null;
        if (!url.Equals("auto", StringComparison.OrdinalIgnoreCase)
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            b.Error(node is string ? "scrape" : "scrape.url", $"'{url}' is not an http(s) URL or auto; e.g. http://127.0.0.1:8000/metrics");
        return new ScrapeSpec { Url = url, Interval = interval };
    }

    private List<BackendOptions> BindBackends(SpecBinder b, object? node, List<string>? topModels)
    {
        var result = new List<BackendOptions>();
        var list = b.List(node, "backends");
        if (list is null || list.Count == 0)
        {
            b.Error("backends", n => $"at least one backend is required: give {n("backends[0].kind")} KIND and {n("backends[0].model")} NAME, e.g. backends: [{{ kind: openai-compatible, base_url: http://127.0.0.1:8000/v1, model: NAME }}]");
            return result;
        }

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"backends[{i}]";
            var map = b.Map(list[i], path);
            if (map is null) continue;
            b.CheckFields(map, path, BackendFields);

            var kind = b.Text(map.GetValueOrDefault("kind"), path + ".kind");
            var kindValid = false;
            if (kind is null)
                b.Error(path + ".kind", $"missing; valid: {KindList()}");
            else if (!backends.Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
                b.Error(path + ".kind", $"'{kind}' is not a backend kind; valid: {KindList()}{Suggest(kind, backends.Kinds)}");
            else
                kindValid = true;

            var baseUrl = b.Text(map.GetValueOrDefault("base_url"), path + ".base_url");
            if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                b.Error(path + ".base_url", $"'{baseUrl}' is not an absolute http(s) URL; e.g. http://127.0.0.1:8000/v1");

            var keyEnv = b.Text(map.GetValueOrDefault("api_key_env"), path + ".api_key_env");
            if (keyEnv is not null && !EnvVarName().IsMatch(keyEnv))
                // Never echo the value: people paste the key itself here.
                b.Error(path + ".api_key_env", "expected the NAME of an environment variable that holds the key (e.g. OPENAI_API_KEY), not the key itself; the value is not shown or stored");

            var timeout = b.Duration(map.GetValueOrDefault("timeout"), path + ".timeout");
            var settings = b.StringMap(map.GetValueOrDefault("settings"), path + ".settings");
            var name = b.Text(map.GetValueOrDefault("name"), path + ".name");

            var model = b.Text(map.GetValueOrDefault("model"), path + ".model");
            var models = StringList(b, map.GetValueOrDefault("models"), path + ".models");
            if (model is not null && models is not null)
                b.Error(path + ".models", "give either model: NAME or models: [A, B], not both");
            var modelList = model is not null ? [model] : models ?? topModels;
            if (modelList is null || modelList.Count == 0)
            {
                b.Error(path + ".model", "missing; give model: NAME (or models: [A, B], or a top-level models list)");
                continue;
            }

            var problems = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in modelList)
            {
                var options = new BackendOptions
                {
                    Kind = kind ?? "",
                    Model = m,
                    Name = name is null ? null : modelList.Count > 1 ? $"{name}/{m}" : name,
                    BaseUrl = baseUrl,
                    ApiKeyEnv = keyEnv,
                    Deployment = b.Text(map.GetValueOrDefault("deployment"), path + ".deployment"),
                    ApiVersion = b.Text(map.GetValueOrDefault("api_version"), path + ".api_version"),
                    Timeout = timeout,
                    Settings = settings ?? new Dictionary<string, string>(),
                };
                if (kindValid)
                {
                    foreach (var problem in backends.Validate(options))
                        if (problems.Add(problem)) b.Error(path, problem);
                }
                if (!names.TryAdd(options.DisplayName, path))
                    b.Error(path + ".name", $"'{options.DisplayName}' names two backends ({names[options.DisplayName]} and {path}); give each a distinct name");
                result.Add(options);
            }
        }
        return result;
    }

    private IEnumerable<ExperimentSettings> BindSettings(SpecBinder b, Layers l, string prefix)
    {
        var named = l.Get(b, "workload", (n, p) => b.Text(n, p));
        var dataset = l.Get(b, "dataset", (n, p) => b.Text(n, p));
        // dataset: FILE picks the dataset workload; another named workload would not read the file.
        if (dataset is not null && named is not null && !named.Equals(DatasetWorkload, StringComparison.OrdinalIgnoreCase))
            b.Error(l.PathOf("dataset"), n => $"conflicts with {n("workload")} '{named}': a dataset run takes its prompts from the file; drop one of them");
        var workload = named ?? (dataset is not null ? DatasetWorkload : "prompt");
        if (!workloads.Contains(workload))
        {
            var path = l.PathOf("workload");
            b.Error(path, $"'{workload}' is not a workload; valid: {string.Join(", ", workloads.Names)}{Suggest(workload, workloads.Names)}");
        }

        var request = new WorkloadOptions
        {
            Prompt = l.Get(b, "prompt", (n, p) => b.Text(n, p)),
            SystemPrompt = l.Get(b, "system_prompt", (n, p) => b.Text(n, p)),
            MaxTokens = l.Get(b, "max_tokens", (n, p) => b.Int(n, p, 1, 1_000_000)),
            Temperature = l.Get(b, "temperature", (n, p) => b.Number(n, p, 0, 2)),
            MinTokens = l.Get(b, "min_tokens", (n, p) => b.Int(n, p, 0, 1_000_000)),
            IgnoreEos = l.Get(b, "ignore_eos", (n, p) => b.Bool(n, p)) ?? false,
            Seed = l.Get(b, "seed", (n, p) => b.Int(n, p, int.MinValue)),
            Dataset = dataset,
            Options = l.Get(b, "workload_options", (n, p) => b.StringMap(n, p)) ?? new Dictionary<string, string>(),
        };

        var requests = l.Get(b, "requests", (n, p) => b.Int(n, p, 1, LoadOptions.MaxRequestsCeiling));
        var repetitions = l.Get(b, "repetitions", (n, p) => b.Int(n, p, 1, LoadOptions.MaxRequestsCeiling));
        if (requests is not null && repetitions is not null)
            b.Error(l.PathOf("repetitions"), "is another name for requests; give only one of them");
        var duration = l.Get(b, "duration", (n, p) => b.Duration(n, p));

        var (patterns, sweepPoints) = BindPatterns(b, l);
        var load = new LoadOptions
        {
            Pattern = patterns[0],
            Requests = requests ?? repetitions ?? (duration is null ? DefaultRequests : null),
            Warmup = l.Get(b, "warmup", (n, p) => b.Int(n, p, 0, 100_000)) ?? 0,
            Duration = duration,
            Timeout = l.Get(b, "timeout", (n, p) => b.Duration(n, p)) ?? DefaultTimeout,
            MaxInFlight = l.Get(b, "max_in_flight", (n, p) => b.Int(n, p, 1, 100_000)) ?? 10_000,
        };

        // A default longer than the total timeout is capped at it; an explicit one is an error (it could never fire).
        TimeSpan Limit(TimeSpan fallback) => load.Timeout is { } t && t < fallback ? t : fallback;
        var limits = new RequestLimits
        {
            Connect = l.Get(b, "connect_timeout", (n, p) => b.Duration(n, p)) ?? Limit(RequestLimits.DefaultConnect),
            FirstByte = l.Get(b, "first_byte_timeout", (n, p) => b.Duration(n, p)) ?? Limit(RequestLimits.DefaultFirstByte),
            Idle = l.Get(b, "idle_timeout", (n, p) => b.Duration(n, p)) ?? Limit(RequestLimits.DefaultIdle),
        };
        foreach (var (field, message) in limits.Problems(load.Timeout))
            b.Error(l.PathOf(field), message);

        if (workloads.Contains(workload))
        {
            // A variant's problems are about its own fields: their path gets the variant's prefix.
            foreach (var problem in workloads.Get(workload).Validate(request))
                b.Errors.Add(prefix.Length == 0 ? problem : new SettingProblem(prefix + problem.Setting, n => problem.Describe(k => k == problem.Setting ? n(prefix + k) : n(k))));
        }

        var label = l.Get(b, "label", (n, p) => b.Text(n, p));
        var template = new ExperimentSettings
        {
            Label = label,
            Workload = workload,
            Request = request,
            Load = load,
            Limits = limits,
            RateSweepPoints = sweepPoints,
        };
        if (patterns.Count == 1) return [template];
        // A list of loads: one variant (one series) per point, labelled by its load.
        return patterns.Select(p => template with
        {
            Label = label is null ? p.ToString() : $"{label} {p}",
            Load = load with { Pattern = p },
        }).ToArray();
    }

    /// <summary>The loads of a settings variant: one, a list (<c>rate: [1, 2, 4]</c>, <c>concurrency: 1,2,4</c>), or a rate sweep.</summary>
    private static (IReadOnlyList<LoadPattern> Patterns, int? SweepPoints) BindPatterns(SpecBinder b, Layers l)
    {
        var load = l.Load(b);
        var rateNode = load.Get(b, "rate", (n, p) => (Node: n, Path: p));
        var concurrencyNode = load.Get(b, "concurrency", (n, p) => (Node: n, Path: p));
        var sweepPoints = load.Get(b, "sweep_points", (n, p) => b.Int(n, p, 1, 100));
        var sweep = rateNode.Node is string s && string.Equals(s.Trim(), "sweep", StringComparison.OrdinalIgnoreCase);
        if (sweepPoints is not null && !sweep)
            b.Error(load.PathOf("sweep_points"), "applies only to rate: sweep");
        var rates = sweep ? null : Values(rateNode);
        var concurrencies = Values(concurrencyNode);
        if (!sweep && (rates?.Count ?? 1) <= 1 && (concurrencies?.Count ?? 1) <= 1)
            return ([BindPattern(b, l)], null);
        if (rates is { Count: > 1 } && concurrencies is { Count: > 1 })
            b.Error(load.PathOf("rate"), "a sweep varies one thing: give a list of rates or a list of concurrencies, not both");

        // Bind each point through the single-value path, so every check applies to every point.
        var points = new List<LoadPattern>();
        var key = sweep || rates is { Count: > 1 } ? "rate" : "concurrency";
        var list = sweep ? ["1"] : key == "rate" ? rates! : concurrencies!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in list)
        {
            var single = l.WithLoadValue(key, value);
            var pattern = BindPattern(b, single);
            if (!seen.Add(pattern.ToString())) b.Error(load.PathOf(key), $"'{value}' appears twice in the list; each point once");
            points.Add(pattern);
        }
        return (points, sweep ? sweepPoints ?? 8 : null);
    }

    /// <summary>A load value as text items: a YAML/JSON list, or a comma-separated string (from flags); null when absent.</summary>
    private static List<string>? Values((object? Node, string Path) field) => field.Node switch
    {
        null => null,
        List<object?> list => list.Select(v => v?.ToString() ?? "").ToList(),
        string text when text.Contains(',', StringComparison.Ordinal) => text.Split(',', StringSplitOptions.TrimEntries).ToList(),
        _ => [field.Node.ToString() ?? ""],
    };

    // A request field the backend's protocol does not carry would be dropped on the way: refuse it instead.
    private void RefuseUnsentFields(SpecBinder b, List<BackendOptions> backendOptions, List<ExperimentSettings> settings, bool variants)
    {
        for (var j = 0; j < settings.Count; j++)
        {
            var request = settings[j].Request;
            var given = new List<string>(3);
            if (request.MinTokens is not null) given.Add("min_tokens");
            if (request.IgnoreEos) given.Add("ignore_eos");
            if (request.Seed is not null) given.Add("seed");
            foreach (var backend in backendOptions)
            {
                // Whether the engine-extensions switch would make the kind send the field decides the hint.
                var extended = backend with { Settings = new Dictionary<string, string>(backend.Settings) { ["engine_extensions"] = "true" } };
                var never = backends.UnsentRequestFields(extended);
                foreach (var field in given.Intersect(backends.UnsentRequestFields(backend)))
                {
                    var why = never.Contains(field)
                        ? $"its API has no {field}"
                        : "hosted APIs reject it; if an engine that accepts it is behind this kind, set its settings: { engine_extensions: \"true\" }";
                    b.Error((variants ? $"settings[{j}]." : "") + field,
                        $"backend '{backend.DisplayName}' (kind {backend.Kind}) does not send {field}: {why}; otherwise drop {field}");
                }
            }
        }
    }

    private static LoadPattern BindPattern(SpecBinder b, Layers l)
    {
        var load = l.Load(b);
        var kind = load.Get(b, "pattern", (n, p) => b.Choice(n, p, "a load pattern", Patterns));
        var concurrency = load.Get(b, "concurrency", (n, p) => b.Int(n, p, 1, 10_000));
        var rate = load.Get(b, "rate", (n, p) => b.Number(n, p, 0, 100_000, minExclusive: true));
        var arrival = load.Get(b, "arrival", (n, p) => b.Choice(n, p, "an arrival process", Arrivals));
        var burstiness = load.Get(b, "burstiness", (n, p) => b.Number(n, p, 0, 100, minExclusive: true));
        var seed = load.Get(b, "seed", (n, p) => b.Int(n, p, int.MinValue));

        if (kind is null && concurrency is not null && rate is not null)
            b.Error(load.PathOf("rate"), "rate (open loop) and concurrency (closed loop) exclude each other; give one, or set pattern");
        kind ??= rate is not null ? LoadKind.Rate : concurrency is not null ? LoadKind.Concurrency : LoadKind.Sequential;

        switch (kind)
        {
            case LoadKind.Sequential when concurrency is > 1:
                b.Error(load.PathOf("concurrency"), $"'{concurrency}' does not apply to pattern sequential; use pattern: concurrency");
                break;
            case LoadKind.Concurrency when concurrency is null:
                b.Error(load.PathOf("concurrency"), "missing; pattern concurrency needs concurrency: N (workers in flight)");
                break;
            case LoadKind.Rate when rate is null:
                b.Error(load.PathOf("rate"), "missing; pattern rate needs rate: REQUESTS_PER_SECOND");
                break;
        }
        if (kind != LoadKind.Rate && rate is not null && kind is not null && load.Has("pattern"))
            b.Error(load.PathOf("rate"), $"applies only to pattern rate, not {kind.ToString()!.ToLowerInvariant()}");
        if (kind != LoadKind.Rate && arrival is not null)
            b.Error(load.PathOf("arrival"), "applies only to pattern rate (open loop); give rate: REQUESTS_PER_SECOND");
        if (burstiness is not null && arrival != ArrivalProcess.Gamma)
            b.Error(load.PathOf("burstiness"), "applies only to arrival gamma (poisson has CV 1, constant CV 0); set arrival: gamma");

        return new LoadPattern
        {
            Kind = kind ?? LoadKind.Sequential,
            Concurrency = kind == LoadKind.Concurrency ? concurrency ?? 1 : 1,
            Rate = rate ?? 0,
            Arrival = arrival ?? ArrivalProcess.Poisson,
            Burstiness = burstiness ?? 1.0,
            Seed = seed ?? 42,
        };
    }

    private static List<string>? StringList(SpecBinder b, object? node, string path)
    {
        if (node is string single) return [single];
        var list = b.List(node, path);
        if (list is null) return null;
        var result = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var s = b.Text(list[i], $"{path}[{i}]");
            if (s is not null) result.Add(s);
        }
        return result;
    }

    private string KindList() => backends.Kinds.Count == 0 ? "(no backend kinds are registered in this build)" : string.Join(", ", backends.Kinds);

    private static string Suggest(string value, IReadOnlyCollection<string> candidates) =>
        SpecBinder.Closest(value, candidates) is { } best && !string.Equals(best, value, StringComparison.OrdinalIgnoreCase)
            ? $" (did you mean '{best}'?)"
            : "";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvVarName();
}
