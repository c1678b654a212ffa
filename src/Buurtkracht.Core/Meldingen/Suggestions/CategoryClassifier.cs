using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Meldingen.Suggestions;

/// <summary>One labelled example description: the category code and the text.</summary>
public sealed record CategoryExample(string Code, string Text);

/// <summary>The classifier's best category for a text, with its probability (0..1).</summary>
public sealed record CategorySuggestion(string Code, double Confidence);

/// <summary>
/// Suggests a melding category from the resident's own words, as Signalen does: TF-IDF over word uni- and bigrams and
/// character 1- to 4-grams, then multinomial logistic regression (<see cref="TextModel"/>; in-house because ML.NET cost about
/// 40 MB of resident memory for 650 examples). Trained in the background on the Dutch examples shipped in Meldingen/Suggestions/voorbeelden.tsv when the first text
/// asks for a suggestion, not at start: training took 0.76 s of CPU on the start-up's critical path and its working memory
/// stayed resident in a service that may never see a melding. Until it is ready it suggests nothing and the dialog shows its
/// buttons as always. The "Overig" categories have no examples: they are never suggested.
/// </summary>
public sealed class CategoryClassifier
{
    // The shipped examples never change while the process runs: one model for every instance (a test run starts many).
    private static readonly Lazy<Task<TextModel>> Shipped = new(() => Task.Run(() => TextModel.Train(LoadExamples())));
    private readonly Lazy<Task<TextModel>> _model;

    public CategoryClassifier(ILogger<CategoryClassifier> log) => _model = new(() =>
    {
        var model = Shipped.Value;
        model.ContinueWith(t => log.LogInformation("Category classifier trained on the shipped examples"), TaskContinuationOptions.OnlyOnRanToCompletion);
        model.ContinueWith(t => log.LogError(t.Exception, "The category classifier could not be trained; no categories are suggested"), TaskContinuationOptions.OnlyOnFaulted);
        return model;
    });

    /// <summary>A classifier trained on other examples, such as the training part of a held-out split.</summary>
    public CategoryClassifier(IReadOnlyList<CategoryExample> examples) => _model = new(() => Task.Run(() => TextModel.Train(examples)));

    /// <summary>Starts training if nothing did yet, and completes once the model is trained (tests and benchmarks wait for it; the service does not).</summary>
    public Task WhenReady => _model.Value;

    /// <summary>The most likely category, or null while the model is still being trained (the first call starts it) or training failed.</summary>
    public CategorySuggestion? Suggest(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var training = _model.Value;
        if (!training.IsCompletedSuccessfully) return null;
        var model = training.Result;
        var scores = model.Probabilities(text);
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
}
