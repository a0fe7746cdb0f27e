using System.Text.Json.Serialization;

namespace TokenClock.Server.Hosting;

/// <summary>Source-generated JSON for the server's own documents.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ResponseSchedule))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
