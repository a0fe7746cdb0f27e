using System.Text.Json.Serialization;

namespace TokenClock.Server.Hosting;

/// <summary>Source-generated JSON for the server's own documents.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ResponseSchedule))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
