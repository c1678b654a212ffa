using Buurtkracht.Core.Meldingen;

namespace Buurtkracht.Core.Broadcasts;

/// <summary>
/// Where broadcast photos are kept ({data}/omroep/, beside the melding photos), for /omroep and the dashboard alike.
/// An upload is accepted only when its first bytes say JPEG or PNG, whatever its name or declared type claims.
/// </summary>
public sealed class BroadcastPhotos(MeldingPhotoStore photos)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public string Folder => Path.Combine(Path.GetDirectoryName(photos.Root)!, "omroep");

    public string NewPath(string extension = ".jpg")
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Guid.NewGuid():N}{extension}");
    }

    public enum UploadProblem { None, Empty, TooLarge, NotAnImage }

    /// <summary>The file extension for JPEG or PNG content, or null for anything else.</summary>
    public static string? ImageExtension(ReadOnlySpan<byte> head) =>
        head is [0xFF, 0xD8, 0xFF, ..] ? ".jpg"
        : head is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] ? ".png"
        : null;

    /// <summary>Stores an uploaded picture and returns its path; nothing is written when it is empty, too large or not a JPEG/PNG.</summary>
    public async Task<(string? Path, UploadProblem Problem)> SaveUploadAsync(Stream content, long length, CancellationToken ct = default)
    {
        if (length <= 0) return (null, UploadProblem.Empty);
        if (length > MaxBytes) return (null, UploadProblem.TooLarge);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes) return (null, UploadProblem.TooLarge);
        if (ImageExtension(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is not { } extension) return (null, UploadProblem.NotAnImage);
        var path = NewPath(extension);
        await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);
        return (path, UploadProblem.None);
    }

    /// <summary>The full path of a stored photo by its file name, or null when the name is not one this store makes or the file is gone.</summary>
    public string? Find(string? name)
    {
        if (name is null || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[0-9a-f]{32}\\.(jpg|png)$")) return null;
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : null;
    }
}
