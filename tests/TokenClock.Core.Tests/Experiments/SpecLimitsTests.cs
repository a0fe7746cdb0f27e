using System.Diagnostics;
using System.Text;
using TokenClock.Core.Experiments;

namespace TokenClock.Core.Tests.Experiments;

/// <summary>Hostile specs are refused quickly with an error that names the limit, never expanded.</summary>
public sealed class SpecLimitsTests
{
    // The 375-byte shape from issue 10: nine levels of nine aliases, 9^9 (387 million) leaves once expanded.
    private const string AliasBomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;

    [Fact]
    public void Alias_bomb_is_refused_in_under_a_second_naming_the_limit()
    {
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<SpecValidationException>(() => SpecTree.Parse(AliasBomb, "bomb.yaml"));
        watch.Stop();

        Assert.Contains("bomb.yaml", ex.Message);
        Assert.Contains(YamlTreeBuilderLimit, ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    private static readonly string YamlTreeBuilderLimit = "100000 values";

    [Fact]
    public void Aliases_within_the_limit_expand_into_independent_copies()
    {
        var tree = SpecTree.Parse("""
            base: &b { max_tokens: 8, load: { concurrency: 2 } }
            first: *b
            second: *b
            """, "ok.yaml");

        var first = (Dictionary<string, object?>)tree["first"]!;
        var second = (Dictionary<string, object?>)tree["second"]!;
        Assert.Equal("8", first["max_tokens"]);
        Assert.Equal("2", ((Dictionary<string, object?>)second["load"]!)["concurrency"]);
        first["max_tokens"] = "9";
        Assert.Equal("8", second["max_tokens"]);
    }

    [Fact]
    public void Deep_nesting_is_refused_with_the_depth_limit()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var ex = Assert.Throws<SpecValidationException>(() => SpecTree.Parse("x: " + deep, "deep.yaml"));
        Assert.Contains("deeper than 32 levels", ex.Message);
    }

    [Fact]
    public void A_spec_file_over_one_mebibyte_is_refused_before_it_is_parsed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tc-big-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, "name: big\n# " + new string('x', (1 << 20) + 10) + "\n", Encoding.UTF8);
            var ex = Assert.Throws<SpecValidationException>(() => SpecTree.ReadFile(path));
            Assert.Contains("limit of 1048576 bytes", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_device_as_spec_file_is_read_only_up_to_the_limit()
    {
        if (!File.Exists("/dev/zero")) return;
        var ex = Assert.Throws<SpecValidationException>(() => SpecTree.ReadFile("/dev/zero"));
        Assert.Contains("not a regular file", ex.Message);
    }

    [Fact]
    public void Duplicate_keys_still_name_the_field_and_line()
    {
        var ex = Assert.Throws<SpecValidationException>(() => SpecTree.Parse("name: a\nload:\n  rate: 1\n  rate: 2\n", "dup.yaml"));
        Assert.Contains("load.rate: field appears twice (line 4)", ex.Message);
    }
}
