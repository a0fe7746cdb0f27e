namespace TokenClock.Prediction.Formats;

/// <summary>
/// How weights are stored. <see cref="BitsPerWeight"/> includes block scales (q4_0 stores 32 weights in 18 bytes),
/// because that is what decode has to read. <see cref="ComputePrecision"/> names the hardware peak that the matrix
/// products run at (llama.cpp dequantizes q-formats and multiplies in fp16/fp32; fp8/int8 use their own units).
/// </summary>
public sealed record WeightFormat(string Name, double BitsPerWeight, string ComputePrecision, string Description)
{
    /// <summary><see cref="BitsPerWeight"/> / 8.</summary>
    public double BytesPerWeight => BitsPerWeight / 8.0;
}
