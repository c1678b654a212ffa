using System.Collections.Concurrent;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>
/// The questionnaire definitions: the built-in YAML files (embedded) and those in <see cref="QuestionnaireOptions.DefinitionsFolder"/>.
/// Each distinct text of a key is stored once as a <see cref="QuestionnaireVersion"/>; sends and responses point at the version.
/// </summary>
public sealed class QuestionnaireCatalog(IOptions<QuestionnaireOptions> options, ILogger<QuestionnaireCatalog> log)
{
    private readonly ConcurrentDictionary<int, QuestionnaireDefinition> _byVersion = new();

    /// <summary>The definitions as the files say now, by key (a file in the folder replaces a built-in with the same key).</summary>
    public IReadOnlyDictionary<string, QuestionnaireDefinition> Current()
    {
        var result = new Dictionary<string, QuestionnaireDefinition>(StringComparer.Ordinal);
        var assembly = typeof(QuestionnaireCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Questionnaires.", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal)).Order())
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var definition = QuestionnaireDefinition.Parse(reader.ReadToEnd());
            result[definition.Key] = definition;
        }
        if (options.Value.DefinitionsFolder is { Length: > 0 } folder && Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml")).Order())
            {
                try
                {
                    var definition = QuestionnaireDefinition.Parse(File.ReadAllText(file));
                    result[definition.Key] = definition;
                }
                catch (Exception ex) when (ex is FormatException or YamlDotNet.Core.YamlException)
                {
                    log.LogWarning("Questionnaire file {File} skipped: {Reason}", Path.GetFileName(file), ex.Message);
                }
            }
        }
        return result;
    }

    /// <summary>The stored version of the current text of <paramref name="key"/>, added (and saved) when the text changed.</summary>
    public async Task<(QuestionnaireVersion Version, QuestionnaireDefinition Definition)?> CurrentVersionAsync(
        BuurtkrachtDb db, string key, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!Current().TryGetValue(key, out var definition)) return null;
        var version = await db.Set<QuestionnaireVersion>().Where(v => v.Key == key && v.Hash == definition.Hash)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            var max = await db.Set<QuestionnaireVersion>().Where(v => v.Key == key).MaxAsync(v => (int?)v.Version, ct) ?? 0;
            version = new QuestionnaireVersion { Key = key, Version = max + 1, Hash = definition.Hash, Yaml = definition.Yaml, LoadedAt = now };
            db.Add(version);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Questionnaire {Key} version {Version} stored", key, version.Version);
        }
        _byVersion.TryAdd(version.Id, definition);
        return (version, definition);
    }

    /// <summary>The definition a stored version was written in (the YAML kept with the version, not today's file).</summary>
    public async Task<QuestionnaireDefinition> DefinitionAsync(BuurtkrachtDb db, int versionId, CancellationToken ct = default)
    {
        if (_byVersion.TryGetValue(versionId, out var cached)) return cached;
        var yaml = await db.Set<QuestionnaireVersion>().Where(v => v.Id == versionId).Select(v => v.Yaml).SingleAsync(ct);
        return _byVersion.GetOrAdd(versionId, QuestionnaireDefinition.Parse(yaml));
    }
}
