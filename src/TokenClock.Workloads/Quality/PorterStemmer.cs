namespace TokenClock.Workloads.Quality;

/// <summary>
/// The original Porter (1980) stemming algorithm, for optional ROUGE stemming. rouge-score uses NLTK's Porter
/// variant, which adds a few extensions; stems can differ on rare words, so stemming is off by default.
/// Input must be lowercase ASCII letters/digits (what <see cref="RougeTokenizer"/> produces).
/// </summary>
internal static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2) return word;
        var w = word;
        w = Step1a(w);
        w = Step1b(w);
        if (w.EndsWith('y') && HasVowel(w, w.Length - 1)) w = w[..^1] + "i";
        w = ApplyFirst(w, Step2Rules, 0);
        w = ApplyFirst(w, Step3Rules, 0);
        w = Step4(w);
        w = Step5(w);
        return w;
    }

    private static string Step1a(string w) =>
        w.EndsWith("sses", StringComparison.Ordinal) ? w[..^2]
        : w.EndsWith("ies", StringComparison.Ordinal) ? w[..^2]
        : w.EndsWith("ss", StringComparison.Ordinal) ? w
        : w.EndsWith('s') ? w[..^1]
        : w;

    private static string Step1b(string w)
    {
        if (w.EndsWith("eed", StringComparison.Ordinal))
            return Measure(w, w.Length - 3) > 0 ? w[..^1] : w;
        string stem;
        if (w.EndsWith("ed", StringComparison.Ordinal) && HasVowel(w, w.Length - 2)) stem = w[..^2];
        else if (w.EndsWith("ing", StringComparison.Ordinal) && HasVowel(w, w.Length - 3)) stem = w[..^3];
        else return w;

        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal))
            return stem + "e";
        if (EndsWithDoubleConsonant(stem) && stem[^1] is not ('l' or 's' or 'z')) return stem[..^1];
        if (Measure(stem, stem.Length) == 1 && EndsCvc(stem)) return stem + "e";
        return stem;
    }

    // Porter applies only the first listed suffix that matches; its condition then decides, with no fallback.
    private static string ApplyFirst(string w, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var stemLength = w.Length - suffix.Length;
            return Measure(w, stemLength) > minMeasure ? w[..stemLength] + replacement : w;
        }
        return w;
    }

    private static string Step4(string w)
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (!w.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var stemLength = w.Length - suffix.Length;
            if (suffix == "ion" && (stemLength == 0 || w[stemLength - 1] is not ('s' or 't'))) return w;
            return Measure(w, stemLength) > 1 ? w[..stemLength] : w;
        }
        return w;
    }

    private static string Step5(string w)
    {
        if (w.EndsWith('e'))
        {
            var m = Measure(w, w.Length - 1);
            if (m > 1 || (m == 1 && !EndsCvc(w[..^1]))) w = w[..^1];
        }
        if (w.EndsWith("ll", StringComparison.Ordinal) && Measure(w, w.Length) > 1) w = w[..^1];
        return w;
    }

    private static bool IsConsonant(string w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    // m in [C](VC)^m[V] for w[..length].
    private static int Measure(string w, int length)
    {
        var m = 0;
        var i = 0;
        while (i < length && IsConsonant(w, i)) i++;
        while (i < length)
        {
            while (i < length && !IsConsonant(w, i)) i++;
            if (i >= length) break;
            m++;
            while (i < length && IsConsonant(w, i)) i++;
        }
        return m;
    }

    private static bool HasVowel(string w, int length)
    {
        for (var i = 0; i < length; i++) if (!IsConsonant(w, i)) return true;
        return false;
    }

    private static bool EndsWithDoubleConsonant(string w) =>
        w.Length >= 2 && w[^1] == w[^2] && IsConsonant(w, w.Length - 1);

    private static bool EndsCvc(string w) =>
        w.Length >= 3 && IsConsonant(w, w.Length - 3) && !IsConsonant(w, w.Length - 2) && IsConsonant(w, w.Length - 1)
        && w[^1] is not ('w' or 'x' or 'y');
}
