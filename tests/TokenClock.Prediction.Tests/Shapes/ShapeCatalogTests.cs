using TokenClock.Core.Settings;
using TokenClock.Prediction.Shapes;

namespace TokenClock.Prediction.Tests.Shapes;

public sealed class ShapeCatalogTests
{
    public static TheoryData<string> PublishedShapes() =>
        new(ShapeCatalog.Shapes.Where(s => s.PublishedParameters is not null).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(PublishedShapes))]
    public void Parameter_count_implied_by_the_shape_matches_the_published_size(string name)
    {
        var shape = ShapeCatalog.Get(name);

        var relativeError = Math.Abs(shape.Parameters - shape.PublishedParameters!.Value) / (double)shape.PublishedParameters.Value;

        // The llama formula is exact for untied embeddings; allow 0.5% for rounding in model cards.
        Assert.True(relativeError < 0.005, $"{name}: computed {shape.Parameters:N0}, published {shape.PublishedParameters:N0}");
    }

    [Fact]
    public void Llama_2_7b_has_6_74_billion_parameters_exactly()
    {
        Assert.Equal(6_738_415_616, ShapeCatalog.Get("llama-2-7b").Parameters);
    }

    [Fact]
    public void Catalog_has_the_shapes_the_issue_names_and_every_shape_is_valid()
    {
        string[] required = ["llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "mistral-7b", "tinyllama-1.1b", "tiny", "micro"];
        Assert.All(required, n => Assert.True(ShapeCatalog.TryGet(n, out _), n));
        Assert.All(ShapeCatalog.Shapes, s => Assert.Empty(s.Validate()));
    }

    [Fact]
    public void Cutting_layers_removes_exactly_the_per_layer_parameters()
    {
        var full = ShapeCatalog.Get("llama-2-7b");
        var cut = full.WithLayers(4);

        Assert.Equal(4, cut.Layers);
        Assert.Equal("llama-2-7b@4L", cut.Name);
        Assert.Null(cut.PublishedParameters);
        Assert.Equal(full.Parameters - 28 * full.ParametersPerLayer, cut.Parameters);
        Assert.Contains("layers must be between 1 and 32", Assert.Throws<SettingException>(() => full.WithLayers(33)).Message);
    }

    [Fact]
    public void Unknown_shape_error_lists_the_known_shapes()
    {
        var ex = Assert.Throws<SettingException>(() => ShapeCatalog.Get("gpt-5"));
        Assert.Contains("gpt-5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("llama-2-7b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grouped_query_shapes_have_smaller_kv_dimension()
    {
        var l3 = ShapeCatalog.Get("llama-3-8b");
        Assert.Equal(128, l3.HeadDim);
        Assert.Equal(1024, l3.KvDim);
    }
}
