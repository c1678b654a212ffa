using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Buurtkracht.Core.Questionnaires;

public enum QuestionKind
{
    Scale,
    Single,
    Multiple,
    YesNo,
    Number,
    Text,
}

/// <summary>One option of a single or multiple choice question; <see cref="Value"/> is what is stored.</summary>
public sealed record QuestionOption(string Value, Translated Label);

/// <summary>"If the answer is <see cref="Answer"/>, go to question <see cref="GoTo"/>" (a question id).</summary>
public sealed record SkipRule(string Answer, string GoTo);

public sealed record Question(
    string Id, QuestionKind Kind, Translated Text, bool Optional,
    IReadOnlyList<QuestionOption> Options, Translated? Low, Translated? High, double? Min, double? Max,
    SkipRule? Skip, string? Flag);

/// <summary>
/// A questionnaire as written in YAML. The exact text is hashed: a changed file is a new version, stored beside the old
/// one, and every response points at the version it answered.
/// </summary>
public sealed record QuestionnaireDefinition(
    string Key, Translated Title, Translated Intro, bool Anonymous, IReadOnlyList<Question> Questions, string Yaml, string Hash)
{
    public const int MaxQuestions = 40;

    public int IndexOf(string questionId)
    {
        for (var i = 0; i < Questions.Count; i++) if (Questions[i].Id == questionId) return i;
        return -1;
    }

    /// <summary>Index of the question after <paramref name="index"/> given its answer (skip rule applied); Count when done.</summary>
    public int NextIndex(int index, string? answer)
    {
        var q = Questions[index];
        if (q.Skip is { } rule && answer is not null && string.Equals(rule.Answer, answer, StringComparison.OrdinalIgnoreCase))
            return IndexOf(rule.GoTo);
        return index + 1;
    }

    /// <summary>The questions on the path the answers take, and the first unanswered one (or Count when all are answered).</summary>
    public (List<int> Path, int Next) Walk(IReadOnlyDictionary<string, string> answers)
    {
        var path = new List<int>();
        var i = 0;
        while (i < Questions.Count && answers.TryGetValue(Questions[i].Id, out var a))
        {
            path.Add(i);
            i = NextIndex(i, a.Length == 0 ? null : a);
        }
        return (path, i);
    }

    public static QuestionnaireDefinition Parse(string yaml)
    {
        var raw = Deserializer.Deserialize<RawDefinition>(yaml) ?? throw new FormatException("Empty questionnaire definition.");
        if (string.IsNullOrWhiteSpace(raw.Key)) throw new FormatException("A questionnaire needs a key.");
        if (raw.Questions is not { Count: > 0 } rawQuestions) throw new FormatException($"Questionnaire '{raw.Key}' has no questions.");
        if (rawQuestions.Count > MaxQuestions) throw new FormatException($"Questionnaire '{raw.Key}' has more than {MaxQuestions} questions.");
        var questions = new List<Question>();
        foreach (var q in rawQuestions)
        {
            if (string.IsNullOrWhiteSpace(q.Id)) throw new FormatException($"Questionnaire '{raw.Key}': a question without id.");
            var kind = (q.Kind ?? "").Replace("_", "").Replace("-", "").ToLowerInvariant() switch
            {
                "scale" => QuestionKind.Scale,
                "single" or "singlechoice" => QuestionKind.Single,
                "multiple" or "multiplechoice" => QuestionKind.Multiple,
                "yesno" => QuestionKind.YesNo,
                "number" => QuestionKind.Number,
                "text" => QuestionKind.Text,
                _ => throw new FormatException($"Questionnaire '{raw.Key}', question '{q.Id}': unknown kind '{q.Kind}'."),
            };
            var options = (q.Options ?? []).Select(o => new QuestionOption(Value(o), Text(Labels(o)))).ToList();
            if (kind is QuestionKind.Single or QuestionKind.Multiple && (options.Count < 2 || options.Any(o => o.Value.Length is 0 or > 30)))
                throw new FormatException($"Questionnaire '{raw.Key}', question '{q.Id}': give at least two options with a short value.");
            SkipRule? skip = q.Skip is { } s ? new SkipRule(s.If ?? "", s.Goto ?? "") : null;
            questions.Add(new Question(q.Id, kind, Text(q.Text), q.Optional, options,
                q.Low is null ? null : Text(q.Low), q.High is null ? null : Text(q.High), q.Min, q.Max, skip, q.Flag));
        }
        if (questions.Select(q => q.Id).Distinct().Count() != questions.Count)
            throw new FormatException($"Questionnaire '{raw.Key}': question ids must be unique.");
        for (var i = 0; i < questions.Count; i++)
            if (questions[i].Skip is { } rule && questions.FindIndex(q => q.Id == rule.GoTo) <= i)
                throw new FormatException($"Questionnaire '{raw.Key}', question '{questions[i].Id}': a skip rule must go to a later question.");
        return new QuestionnaireDefinition(raw.Key, Text(raw.Title), Text(raw.Intro), raw.Anonymous, questions, yaml, HashOf(yaml));
    }

    public static string HashOf(string yaml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml.ReplaceLineEndings("\n"))))[..16];

    private static Translated Text(Dictionary<string, string>? text) =>
        new(text?.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key.ToLowerInvariant(), t => t.Value) ?? []);

    // An option is { value: x, nl: "…", en: "…", ar: "…" }: every key but "value" is a language.
    private static string Value(Dictionary<string, string> option) => option.GetValueOrDefault("value") ?? "";

    private static Dictionary<string, string> Labels(Dictionary<string, string> option) =>
        option.Where(o => o.Key != "value").ToDictionary(o => o.Key, o => o.Value);

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    private sealed class RawDefinition
    {
        public string? Key { get; set; }
        public bool Anonymous { get; set; }
        public Dictionary<string, string>? Title { get; set; }
        public Dictionary<string, string>? Intro { get; set; }
        public List<RawQuestion>? Questions { get; set; }
    }

    private sealed class RawQuestion
    {
        public string? Id { get; set; }
        public string? Kind { get; set; }
        public Dictionary<string, string>? Text { get; set; }
        public bool Optional { get; set; }
        public List<Dictionary<string, string>>? Options { get; set; }
        public Dictionary<string, string>? Low { get; set; }
        public Dictionary<string, string>? High { get; set; }
        public double? Min { get; set; }
        public double? Max { get; set; }
        public RawSkip? Skip { get; set; }
        public string? Flag { get; set; }
    }

    private sealed class RawSkip
    {
        public string? If { get; set; }
        public string? Goto { get; set; }
    }
}
