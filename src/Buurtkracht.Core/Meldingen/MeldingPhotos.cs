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
    /// <exception cref="FileNotFoundException">The channel says the file does not exist (any more).</exception>
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

    /// <summary>Where the n-th photo (from 1) of a melding is kept.</summary>
    public string PhotoPath(string reference, int number)
    {
        var folder = Path.Combine(Root, reference);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"foto-{number}.jpg");
    }

    /// <summary>
    /// Moves the concept photos into the melding's own folder; returns the new paths. Pending references stay as they
    /// are, in their place, for the forwarding job to fetch.
    /// </summary>
    public List<string> Keep(string reference, IEnumerable<string> conceptPaths)
    {
        var kept = new List<string>();
        foreach (var source in conceptPaths)
        {
            if (PendingPhoto.TryParse(source, out _, out _))
            {
                kept.Add(source);
                continue;
            }
            if (!File.Exists(source)) continue;
            var target = PhotoPath(reference, kept.Count + 1);
            File.Move(source, target, overwrite: true);
            kept.Add(target);
        }
        return kept;
    }

    /// <summary>Deletes the local files among <paramref name="paths"/>; pending references have nothing on disk.</summary>
    public static void Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths.Where(p => !PendingPhoto.TryParse(p, out _, out _)))
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

/// <summary>
/// A photo that is still on the channel's servers, written in a melding's photo list as "{channel}-file:{fileId}"
/// (e.g. "telegram-file:AgAC..."). The dialog records it instead of downloading inside the turn, so a slow file server
/// never holds up the conversation engine; the forwarding job fetches it and puts the local path in its place.
/// </summary>
public static class PendingPhoto
{
    private const string Marker = "-file:";

    public static string Create(ChannelKind channel, string fileId) => channel.ToString().ToLowerInvariant() + Marker + fileId;

    public static bool TryParse(string entry, out ChannelKind channel, out string fileId)
    {
        channel = default;
        fileId = "";
        var marker = entry.IndexOf(Marker, StringComparison.Ordinal);
        // A local path never starts with a bare channel name followed by "-file:".
        if (marker <= 0 || !Enum.TryParse(entry[..marker], ignoreCase: true, out channel) || !char.IsLetter(entry[0])) return false;
        fileId = entry[(marker + Marker.Length)..];
        return fileId.Length > 0;
    }
}
