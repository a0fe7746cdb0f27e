using TokenClock.Local.Gguf;
using TokenClock.Prediction.Model;

namespace TokenClock.Fuzz.Targets;

/// <summary>
/// Both GGUF readers (the full one in Local, the header-only one in Prediction) over the same bytes. Bad files
/// must be refused with their format exception; an accepted file must describe tensors inside the file.
/// </summary>
internal sealed class GgufTarget : IFuzzTarget
{
    public string Name => "gguf";

    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        try
        {
            var file = GgufReader.Read(new MemoryStream(bytes, writable: false), "fuzz.gguf");
            if (file.DataOffset > bytes.Length && file.Tensors.Count > 0)
                throw new FuzzInvariantException($"data offset {file.DataOffset} lies past the {bytes.Length}-byte file");
            foreach (var t in file.Tensors)
            {
                var size = t.ByteSize ?? throw new FuzzInvariantException($"accepted tensor '{t.Name}' has no byte size");
                if (size < 0 || file.DataOffset + (long)t.Offset + size > bytes.Length)
                    throw new FuzzInvariantException($"accepted tensor '{t.Name}' ends past the end of the file");
            }
        }
        catch (GgufFormatException)
        {
            // refused with a message: the expected outcome for bad bytes
        }

        try
        {
            GgufShapeReader.ReadMetadata(new MemoryStream(bytes, writable: false), "fuzz.gguf");
        }
        catch (InvalidDataException)
        {
            // the header reader's refusal
        }
    }
}
