using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen;

/// <summary>A channel that can hand over a photo a resident sent (Telegram getFile). Channels without photos have none.</summary>
public interface IPhotoDownloader
{
    ChannelKind Kind { get; }

    /// <summary>Copies the photo into <paramref name="destination"/>; returns its size.</summary>
    /// <exception cref="InvalidDataException">The photo is larger than the channel allows.</exception>
    Task<long> DownloadPhotoAsync(string fileId, Stream destination, CancellationToken ct);
}

/// <summary>
/// Where melding photos live: {data}/meldingen/concept/ while the dialog runs, {data}/meldingen/{reference}/ once sent.
/// The data folder is Meldingen:DataFolder, else the folder of the SQLite file, else "data".
/// </summary>
public sealed class MeldingPhotoStore(IOptions<MeldingenOptions> options, IConfiguration configuration, TimeProvider clock)
{
    public string Root { get; } = Path.Combine(DataFolder(options.Value, configuration), "meldingen");

    private static string DataFolder(MeldingenOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.DataFolder)) return Path.GetFullPath(options.DataFolder);
        var provider = configuration.GetSection("Database").Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        if (provider == DatabaseProvider.Sqlite)
        {
            var connection = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? DatabaseOptions.DefaultSqliteConnectionString;
            var source = new SqliteConnectionStringBuilder(connection).DataSource;
            if (source is { Length: > 0 } && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
                return Path.GetDirectoryName(Path.GetFullPath(source))!;
        }
        return Path.GetFullPath("data");
    }

    public string NewConceptPath()
    {
        var folder = Path.Combine(Root, "concept");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}.jpg");
    }

    /// <summary>Moves the concept photos into the melding's own folder; returns the new paths.</summary>
    public List<string> Keep(string reference, IEnumerable<string> conceptPaths)
    {
        var folder = Path.Combine(Root, reference);
        Directory.CreateDirectory(folder);
        var kept = new List<string>();
        foreach (var source in conceptPaths.Where(File.Exists))
        {
            var target = Path.Combine(folder, $"foto-{kept.Count + 1}.jpg");
            File.Move(source, target, overwrite: true);
            kept.Add(target);
        }
        return kept;
    }

    public static void Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Concept photos of dialogs that were stopped or expired.</summary>
    public int DeleteStaleConcepts(TimeSpan olderThan)
    {
        var folder = Path.Combine(Root, "concept");
        if (!Directory.Exists(folder)) return 0;
        var before = clock.GetUtcNow() - olderThan;
        var stale = Directory.GetFiles(folder).Where(f => File.GetLastWriteTimeUtc(f) < before.UtcDateTime).ToList();
        Delete(stale);
        return stale.Count;
    }

    /// <summary>The public URL of a stored photo, when Meldingen:PublicPhotoBaseUrl is set.</summary>
    public string? PublicUrl(string path) =>
        options.Value.PublicPhotoBaseUrl is { Length: > 0 } baseUrl && path.StartsWith(Root, StringComparison.Ordinal)
            ? baseUrl.TrimEnd('/') + "/" + Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/')
            : null;
}
