using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Buurtkracht.Core.Meldingen.Suggestions;

/// <summary>One labelled example description: the category code and the text.</summary>
public sealed record CategoryExample(string Code, string Text);

/// <summary>The classifier's best category for a text, with its probability (0..1).</summary>
public sealed record CategorySuggestion(string Code, double Confidence);

/// <summary>
/// Suggests a melding category from the resident's own words, as Signalen does: TF-IDF over word uni- and bigrams and
/// character 1- to 4-grams, then multinomial logistic regression (ML.NET's L-BFGS maximum entropy). Trained at start, in the
/// background, on the Dutch examples shipped in Meldingen/Suggestions/voorbeelden.tsv; until it is ready it suggests
/// nothing and the dialog shows its buttons as always. The "Overig" categories have no examples: they are never suggested.
/// </summary>
public sealed class CategoryClassifier
{
    // The shipped examples never change while the process runs: one model for every instance (a test run starts many).
    private static readonly Lazy<Task<Model>> Shipped = new(() => Task.Run(() => Train(LoadExamples())));
    private readonly Task<Model> _model;

    public CategoryClassifier(ILogger<CategoryClassifier> log)
    {
        _model = Shipped.Value;
        _model.ContinueWith(t => log.LogInformation("Category classifier trained on the shipped examples"), TaskContinuationOptions.OnlyOnRanToCompletion);
        _model.ContinueWith(t => log.LogError(t.Exception, "The category classifier could not be trained; no categories are suggested"), TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>A classifier trained on other examples, such as the training part of a held-out split.</summary>
    public CategoryClassifier(IReadOnlyList<CategoryExample> examples) => _model = Task.Run(() => Train(examples));

    /// <summary>Completes once the model is trained (tests and benchmarks wait for it; the service does not).</summary>
    public Task WhenReady => _model;

    /// <summary>The most likely category, or null while the model is still being trained (or training failed).</summary>
    public CategorySuggestion? Suggest(string text)
    {
        if (!_model.IsCompletedSuccessfully || string.IsNullOrWhiteSpace(text)) return null;
        var model = _model.Result;
        // A prediction engine is not thread-safe; a prediction takes well under a millisecond.
        float[] scores;
        lock (model) scores = model.Engine.Predict(new Input { Text = text }).Score;
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
            if (scores[i] > scores[best]) best = i;
        return new CategorySuggestion(model.Labels[best], scores[best]);
    }

    /// <summary>The shipped examples, in file order.</summary>
    public static IReadOnlyList<CategoryExample> LoadExamples()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Meldingen.voorbeelden.tsv")
            ?? throw new InvalidOperationException("The category examples are not embedded.");
        using var reader = new StreamReader(stream);
        var examples = new List<CategoryExample>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0) throw new InvalidDataException($"Bad example line: {line}");
            examples.Add(new CategoryExample(line[..tab], line[(tab + 1)..]));
        }
        return examples;
    }

    private sealed record Model(PredictionEngine<Input, Output> Engine, string[] Labels);

    private sealed class Input
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
    }

    private static Model Train(IReadOnlyList<CategoryExample> examples)
    {
        var ml = new MLContext(seed: 11);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Input { Text = e.Text, Label = e.Code }));
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = false,
            StopWordsRemoverOptions = new StopWordsRemovingEstimator.Options { Language = TextFeaturizingEstimator.Language.Dutch },
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            // Character n-grams up to 4 carry Dutch compounds: "lantaarnpaal" shares "lant", "taar"... with "lantaarn".
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(Input.Text)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l2Regularization: 0.001f, l1Regularization: 0f));
        var transformer = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<Input, Output>(transformer);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref names);
        return new Model(engine, names.DenseValues().Select(n => n.ToString()).ToArray());
    }
}
