using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TokenClock.Workloads.Datasets;

/// <summary>
/// A JSON Lines conversation dataset, one conversation per line, in either common shape:
/// ShareGPT (<c>{"id": ..., "conversations": [{"from": "human"|"gpt"|"system", "value": "..."}]}</c>) or OpenAI chat
/// (<c>{"id": ..., "messages": [{"role": "user"|"assistant"|"system", "content": "..."}]}</c>). After an optional
/// leading system message, turns alternate user, assistant, starting with a user turn; the last user turn may
/// have no reply. Any other line is an error naming the file, the line and the problem: a data set that is
/// silently thinned measures a different workload. Blank lines are skipped. Size is bounded.
/// </summary>
internal sealed class ConversationDataset
{
    public const long MaxBytes = 64L * 1024 * 1024;
    public const int MaxConversations = 100_000;
    public const int MaxMessages = 256;

    private ConversationDataset(string path, IReadOnlyList<Conversation> conversations)
    {
        Path = path;
        Conversations = conversations;
    }

    public string Path { get; }
    /// <summary>The file name, stored in each request's <c>dataset</c> tag.</summary>
    public string Name => System.IO.Path.GetFileName(Path);
    public IReadOnlyList<Conversation> Conversations { get; }

    /// <exception cref="DatasetFormatException">Missing, too large, empty, or a bad line (file:line: problem).</exception>
    public static ConversationDataset Load(string path, CancellationToken cancellationToken = default) =>
        Load(path, MaxBytes, cancellationToken);

    internal static ConversationDataset Load(string path, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = System.IO.Path.GetFileName(path);
        if (!File.Exists(path))
            throw new DatasetFormatException($"'{path}' does not exist; give a .jsonl file with one conversation per line (see docs/datasets.md)");
        var conversations = new List<Conversation>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = ReadBounded(path, maxBytes);
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (conversations.Count == MaxConversations)
                throw new DatasetFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}:{lineNo}: more than {MaxConversations} conversations; split the file or keep the first {MaxConversations}"));
            var conversation = ParseLine(line, name, lineNo);
            if (!ids.TryAdd(conversation.Id, lineNo))
                throw new DatasetFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}:{lineNo}: id '{conversation.Id}' was already used on line {ids[conversation.Id]}; give each conversation its own id"));
            conversations.Add(conversation);
        }
        if (conversations.Count == 0)
            throw new DatasetFormatException($"{name}: no conversations; write one JSON object per line with \"conversations\" (ShareGPT) or \"messages\" (OpenAI)");
        return new ConversationDataset(path, conversations);
    }

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes whatever the file reports (a FIFO or /dev/zero reports nothing useful).</summary>
    private static string ReadBounded(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > maxBytes) throw TooLarge(path, maxBytes);
        using var all = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        while ((n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - all.Length))) > 0)
        {
            all.Write(buffer, 0, n);
            if (all.Length > maxBytes) throw TooLarge(path, maxBytes);
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(all.GetBuffer(), 0, (int)all.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            throw new DatasetFormatException($"{System.IO.Path.GetFileName(path)}: not UTF-8 text ({ex.Message}); save the file as UTF-8", ex);
        }
    }

    private static DatasetFormatException TooLarge(string path, long maxBytes) => new(string.Create(CultureInfo.InvariantCulture,
        $"{System.IO.Path.GetFileName(path)}: larger than the {maxBytes} bytes ({maxBytes / (1024.0 * 1024):0.#} MiB) limit for a conversation dataset; sample it down (e.g. head -n 10000)"));

    private static Conversation ParseLine(string line, string name, int lineNo)
    {
        string Where(string problem) => string.Create(CultureInfo.InvariantCulture, $"{name}:{lineNo}: {problem}");
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new DatasetFormatException(Where($"not valid JSON ({ex.Message})"), ex);
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DatasetFormatException(Where("expected a JSON object with \"conversations\" (ShareGPT) or \"messages\" (OpenAI)"));
            var shareGpt = root.TryGetProperty("conversations", out var list);
            if (!shareGpt && !root.TryGetProperty("messages", out list))
                throw new DatasetFormatException(Where("has neither \"conversations\" (ShareGPT: from/value) nor \"messages\" (OpenAI: role/content)"));
            var field = shareGpt ? "conversations" : "messages";
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new DatasetFormatException(Where($"\"{field}\" must be a non-empty array"));
            if (list.GetArrayLength() > MaxMessages)
                throw new DatasetFormatException(Where(string.Create(CultureInfo.InvariantCulture, $"\"{field}\" has {list.GetArrayLength()} messages; the limit is {MaxMessages}")));

            var id = root.TryGetProperty("id", out var idNode) && idNode.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? (idNode.ValueKind == JsonValueKind.String ? idNode.GetString()! : idNode.GetRawText())
                : string.Create(CultureInfo.InvariantCulture, $"line-{lineNo}");
            var (roleKey, textKey) = shareGpt ? ("from", "value") : ("role", "content");
            string? system = null;
            var turns = new List<ConversationTurn>();
            string? pendingUser = null;
            var i = 0;
            foreach (var message in list.EnumerateArray())
            {
                var at = $"{field}[{i}]";
                if (message.ValueKind != JsonValueKind.Object)
                    throw new DatasetFormatException(Where($"{at} must be an object with \"{roleKey}\" and \"{textKey}\""));
                var role = message.TryGetProperty(roleKey, out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : null;
                var text = message.TryGetProperty(textKey, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
                if (role is null) throw new DatasetFormatException(Where($"{at}.{roleKey} is missing or not a string"));
                if (text is null) throw new DatasetFormatException(Where($"{at}.{textKey} is missing or not a string (only text messages are supported)"));
                switch (RoleOf(role))
                {
                    case 's' when i == 0:
                        system = text;
                        break;
                    case 's':
                        throw new DatasetFormatException(Where($"{at}: a system message is allowed only first"));
                    case 'u' when pendingUser is not null:
                        throw new DatasetFormatException(Where($"{at}: two user messages in a row; turns must alternate user, assistant"));
                    case 'u':
                        if (string.IsNullOrWhiteSpace(text)) throw new DatasetFormatException(Where($"{at}: the user message is empty"));
                        pendingUser = text;
                        break;
                    case 'a' when pendingUser is null:
                        throw new DatasetFormatException(Where($"{at}: an assistant message with no user message before it; a conversation starts with a user turn"));
                    case 'a':
                        turns.Add(new ConversationTurn(pendingUser, text));
                        pendingUser = null;
                        break;
                    default:
                        throw new DatasetFormatException(Where($"{at}.{roleKey} '{role}' is not a known role; valid: {(shareGpt ? "human, gpt, system" : "user, assistant, system")}"));
                }
                i++;
            }
            if (pendingUser is not null) turns.Add(new ConversationTurn(pendingUser, null));
            if (turns.Count == 0) throw new DatasetFormatException(Where($"\"{field}\" has no user message"));
            return new Conversation(id, lineNo, system, turns);
        }
    }

    // Both vocabularies are accepted in both shapes: exports mix them.
    private static char RoleOf(string role) => role.ToLowerInvariant() switch
    {
        "human" or "user" => 'u',
        "gpt" or "assistant" or "chatgpt" => 'a',
        "system" => 's',
        _ => '?',
    };
}
