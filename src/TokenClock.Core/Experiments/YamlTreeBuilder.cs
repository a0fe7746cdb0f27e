using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TokenClock.Core.Experiments;

/// <summary>
/// Builds the neutral spec tree straight from YAML parser events, with limits: nesting depth, and the number of
/// nodes after aliases are expanded. A few hundred bytes of nested aliases ("billion laughs") otherwise expand
/// to gigabytes; here they are refused as soon as the count passes the limit, after reading the text once.
/// </summary>
internal sealed class YamlTreeBuilder(string sourceName)
{
    /// <summary>Deepest nesting accepted (a real spec nests about 4 levels).</summary>
    public const int MaxDepth = 32;

    /// <summary>Most maps, lists and values after expanding aliases (a real spec has a few hundred).</summary>
    public const int MaxNodes = 100_000;

    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> _frames = new();
    private long _nodes;

    private sealed record Anchored(object? Value, long Size, int Height);

    private sealed class Frame(object container, string path, string? anchor)
    {
        public object Container { get; } = container;
        public string Path { get; } = path;
        public string? Anchor { get; } = anchor;
        public string? Key { get; set; }
        public bool HasKey { get; set; }
        public int KeyLine { get; set; }
        public long Size { get; set; } = 1;
        public int Height { get; set; } = 1;
    }

    public object? Build(IParser parser)
    {
        object? root = null;
        var done = false;
        while (!done && parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart m:
                    Open(new Dictionary<string, object?>(StringComparer.Ordinal), m.Anchor, m.Start);
                    break;
                case SequenceStart q:
                    Open(new List<object?>(), q.Anchor, q.Start);
                    break;
                case MappingEnd or SequenceEnd:
                    var frame = _frames.Pop();
                    if (frame.Anchor is not null) _anchors[frame.Anchor] = new Anchored(frame.Container, frame.Size, frame.Height);
                    done = Add(frame.Container, frame.Size, frame.Height, parser.Current!.Start, ref root);
                    break;
                case Scalar s:
                    if (_frames.TryPeek(out var parent) && parent.Container is Dictionary<string, object?> && !parent.HasKey)
                    {
                        parent.Key = s.Value;
                        parent.HasKey = true;
                        parent.KeyLine = (int)s.Start.Line;
                        break;
                    }
                    object? value = s.Style == ScalarStyle.Plain && s.Value is "" or "~" or "null" ? null : s.Value;
                    Count(1, s.Start);
                    if (!s.Anchor.IsEmpty) _anchors[s.Anchor.Value] = new Anchored(value, 1, 1);
                    done = Add(value, 1, 1, s.Start, ref root);
                    break;
                case AnchorAlias a:
                    if (!_anchors.TryGetValue(a.Value.Value, out var target))
                        throw Fail(a.Start, $"alias *{a.Value.Value} refers to no earlier anchor");
                    if (_frames.TryPeek(out var owner) && owner.Container is Dictionary<string, object?> && !owner.HasKey)
                        throw Fail(a.Start, "a key must be a plain name, not an alias");
                    Count(target.Size, a.Start);
                    if (_frames.Count + target.Height > MaxDepth) throw TooDeep(a.Start);
                    done = Add(Copy(target.Value), target.Size, target.Height, a.Start, ref root);
                    break;
                case DocumentEnd:
                    done = true;
                    break;
            }
        }
        return root;
    }

    private void Open(object container, AnchorName anchor, Mark start)
    {
        if (_frames.TryPeek(out var parent) && parent.Container is Dictionary<string, object?> && !parent.HasKey)
            throw Fail(start, "a key must be a plain name, not a map or a list");
        if (_frames.Count >= MaxDepth) throw TooDeep(start);
        Count(1, start);
        _frames.Push(new Frame(container, ChildPath(), anchor.IsEmpty ? null : anchor.Value));
    }

    /// <summary>Adds a finished value to the open container; true when it was the document's root.</summary>
    private bool Add(object? value, long size, int height, Mark at, ref object? root)
    {
        if (!_frames.TryPeek(out var parent))
        {
            root = value;
            return true;
        }
        parent.Size += size;
        parent.Height = Math.Max(parent.Height, height + 1);
        if (parent.Container is List<object?> list)
        {
            list.Add(value);
            return false;
        }
        var map = (Dictionary<string, object?>)parent.Container;
        var key = parent.Key ?? "";
        parent.HasKey = false;
        if (!map.TryAdd(key, value))
            throw new SpecValidationException([string.Create(CultureInfo.InvariantCulture,
                $"{Join(parent.Path, key)}: field appears twice (line {parent.KeyLine}); keep one")]);
        return false;
    }

    private string ChildPath()
    {
        if (!_frames.TryPeek(out var parent)) return "";
        return parent.Container is List<object?> list
            ? string.Create(CultureInfo.InvariantCulture, $"{parent.Path}[{list.Count}]")
            : Join(parent.Path, parent.Key ?? "");
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private void Count(long nodes, Mark at)
    {
        _nodes += nodes;
        if (_nodes > MaxNodes)
            throw Fail(at, string.Create(CultureInfo.InvariantCulture,
                $"the spec expands to more than {MaxNodes} values (aliases count once per use); a real spec has a few hundred. Write the values out, or use fewer nested aliases"));
    }

    private SpecValidationException TooDeep(Mark at) =>
        Fail(at, string.Create(CultureInfo.InvariantCulture, $"nesting is deeper than {MaxDepth} levels (aliases included); a spec nests about 4"));

    private SpecValidationException Fail(Mark at, string message) =>
        new([string.Create(CultureInfo.InvariantCulture, $"{sourceName}:{at.Line}: {message}")]);

    // Each use of an alias gets its own copy, so editing one place (flags applied to the tree) changes only it.
    private static object? Copy(object? value) => value switch
    {
        Dictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Copy(kv.Value), StringComparer.Ordinal),
        List<object?> list => list.Select(Copy).ToList(),
        _ => value,
    };
}
