using TokenClock.Local.Gguf;
using TokenClock.Prediction.Gguf;
using TokenClock.Prediction.Model;

namespace TokenClock.Fuzz.Targets;

/// <summary>
/// The one GGUF reader (Prediction) and the shape read from what it accepts. Bad files must be refused with the
/// format exception; an accepted file must describe tensors inside the file, and its shape is either read or refused.
/// Local's validation maps metadata with the same <see cref="GgufShapeMap"/>: when it accepts a file, its shape must be
/// the one Prediction read.
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
            var predicted = GgufShapeReader.FromFile(file, "fuzz.gguf").Shape;
            var validated = LlamaGguf.Validate(file, "fuzz.gguf");
            if (validated != predicted)
                throw new FuzzInvariantException($"Local validated shape {validated} but Prediction read {predicted} from the same file");
        }
        catch (GgufFormatException)
        {
            // refused with a message: the expected outcome for bad bytes
        }
    }
}
