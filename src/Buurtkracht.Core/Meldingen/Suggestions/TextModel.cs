using System.Globalization;
using System.Text;

namespace Buurtkracht.Core.Meldingen.Suggestions;

/// <summary>
/// TF-IDF over word uni- and bigrams and character 1- to 4-grams (L2-normalised), with a multinomial logistic regression
/// on top, trained by stochastic gradient descent. Immutable once trained, so predictions need no lock.
/// </summary>
internal sealed class TextModel
{
    private const int Epochs = 60;
    private const double LearningRate = 0.5;
    private const double L2 = 1e-5;

    // Function words carry no category; the common Dutch list (as Snowball's, shortened to what residents write).
    private static readonly HashSet<string> StopWords =
    [
        "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is", "was", "op", "aan",
        "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn", "men", "dit", "zo", "door",
        "over", "ze", "zich", "bij", "ook", "tot", "je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft",
        "hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch", "al",
        "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles", "onder", "ja", "eens",
        "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen", "na", "reeds", "wil",
        "kon", "niets", "uw", "iemand", "geweest", "andere", "we", "wij", "onze", "jullie",
    ];

    // N-grams are keyed by a 64-bit hash, not a string: no string per n-gram, so training at start takes a third of the
    // time (0.76 s against 2.42 s, benchmarks/Buurtkracht.Benchmarks.Classifier). Tens of thousands of keys: no collisions.
    private readonly Dictionary<long, int> _features;
    private readonly double[] _idf;
    private readonly double[][] _weights; // per label, one weight per feature and a bias at the end

    private TextModel(string[] labels, Dictionary<long, int> features, double[] idf, double[][] weights) =>
        (Labels, _features, _idf, _weights) = (labels, features, idf, weights);

    /// <summary>The category codes, in the order of <see cref="Probabilities"/>.</summary>
    public string[] Labels { get; }

    public static TextModel Train(IReadOnlyList<CategoryExample> examples)
    {
        var labels = examples.Select(e => e.Code).Distinct().Order(StringComparer.Ordinal).ToArray();
        var grams = examples.Select(e => Grams(e.Text)).ToList();
        var features = new Dictionary<long, int>();
        var df = new List<int>();
        foreach (var doc in grams)
            foreach (var gram in doc.Keys)
            {
                if (!features.TryGetValue(gram, out var index)) { features[gram] = index = features.Count; df.Add(0); }
                df[index]++;
            }
        var idf = df.Select(d => Math.Log((double)examples.Count / d)).ToArray();
        var model = new TextModel(labels, features, idf, labels.Select(_ => new double[features.Count + 1]).ToArray());

        var vectors = grams.Select(model.Vector).ToArray();
        var targets = examples.Select(e => Array.IndexOf(labels, e.Code)).ToArray();
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(11); // a fixed order: the same examples always give the same model
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1 + epoch * 0.05);
            foreach (var i in order)
            {
                var p = model.Softmax(vectors[i]);
                for (var c = 0; c < labels.Length; c++)
                {
                    var gradient = p[c] - (c == targets[i] ? 1 : 0);
                    var w = model._weights[c];
                    foreach (var (f, x) in vectors[i]) w[f] -= rate * (gradient * x + L2 * w[f]);
                    w[^1] -= rate * gradient;
                }
            }
        }
        return model;
    }

    /// <summary>The probability of each label for the text; unknown n-grams are ignored.</summary>
    public double[] Probabilities(string text) => Softmax(Vector(Grams(text)));

    private (int Feature, double Value)[] Vector(Dictionary<long, int> grams)
    {
        var vector = new List<(int, double)>(grams.Count);
        foreach (var (gram, count) in grams)
            if (_features.TryGetValue(gram, out var f)) vector.Add((f, count * _idf[f]));
        var norm = Math.Sqrt(vector.Sum(v => v.Item2 * v.Item2));
        return norm == 0 ? [] : vector.Select(v => (v.Item1, v.Item2 / norm)).ToArray();
    }

    private double[] Softmax((int Feature, double Value)[] vector)
    {
        var scores = new double[_weights.Length];
        for (var c = 0; c < scores.Length; c++)
        {
            var w = _weights[c];
            var score = w[^1];
            foreach (var (f, x) in vector) score += w[f] * x;
            scores[c] = score;
        }
        var max = scores.Max();
        var sum = 0.0;
        for (var c = 0; c < scores.Length; c++) sum += scores[c] = Math.Exp(scores[c] - max);
        for (var c = 0; c < scores.Length; c++) scores[c] /= sum;
        return scores;
    }

    /// <summary>Word uni- and bigrams (without function words) and character 1- to 4-grams, with their counts.</summary>
    private static Dictionary<long, int> Grams(string text)
    {
        var words = Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var grams = new Dictionary<long, int>();
        void Add(long gram) => grams[gram] = grams.GetValueOrDefault(gram) + 1;
        var kept = words.Where(w => !StopWords.Contains(w)).ToArray();
        for (var i = 0; i < kept.Length; i++)
        {
            Add(Hash('w', kept[i]));
            if (i > 0) Add(Hash('b', kept[i - 1] + " " + kept[i]));
        }
        // Character n-grams up to 4 carry Dutch compounds: "lantaarnpaal" shares "lant", "taar"... with "lantaarn".
        var chars = (" " + string.Join(' ', words) + " ").AsSpan();
        for (var n = 1; n <= 4; n++)
            for (var i = 0; i + n <= chars.Length; i++)
                Add(Hash('c', chars.Slice(i, n)));
        return grams;
    }

    /// <summary>FNV-1a over the kind and the characters: stable across processes, unlike string.GetHashCode.</summary>
    private static long Hash(char kind, ReadOnlySpan<char> gram)
    {
        var hash = 14695981039346656037UL;
        hash = (hash ^ kind) * 1099511628211UL;
        foreach (var ch in gram) hash = (hash ^ ch) * 1099511628211UL;
        return (long)hash;
    }

    /// <summary>Lower case without diacritics, punctuation or digits ("Café's 12!" → "cafe s").</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(char.IsLetter(ch) ? ch : ' ');
        }
        return builder.ToString();
    }
}
