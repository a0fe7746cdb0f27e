using TokenClock.Prediction.Formats;
using TokenClock.Prediction.Gguf;

namespace TokenClock.Prediction.Model;

/// <summary>
/// A model shape from a GGUF file's header (any architecture llama.cpp names its keys after), read with the one
/// <see cref="GgufReader"/> and mapped by the one <see cref="GgufShapeMap"/> (the same mapping Local validates model
/// files with); tensor data is never touched. A bad file is a <see cref="GgufFormatException"/>.
/// </summary>
public static class GgufShapeReader
{
    /// <summary>The shape and implied format of the GGUF file at <paramref name="path"/>.</summary>
    public static ResolvedModel Read(string path) => FromFile(GgufReader.Read(path), path);

    /// <summary>The shape and implied weight format a parsed header describes; refused by name when it describes none.</summary>
    public static ResolvedModel FromFile(GgufFile file, string origin)
    {
        ArgumentNullException.ThrowIfNull(file);
        var shape = GgufShapeMap.ToShape(file, origin);
        WeightFormat? format = null;
        if (file.Find(GgufShapeMap.FileTypeKey) is { } ft)
        {
            var fileType = GgufShapeMap.Int(ft, GgufShapeMap.FileTypeKey, origin);
            format = fileType >= 0
                ? WeightFormats.FromGgufFileType((uint)fileType)
                : throw new GgufFormatException(origin, $"metadata '{GgufShapeMap.FileTypeKey}' is {fileType}; it cannot be negative");
        }
        return new ResolvedModel(shape, format, origin);
    }
}
