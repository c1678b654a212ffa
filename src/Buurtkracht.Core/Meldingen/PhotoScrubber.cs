using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace Buurtkracht.Core.Meldingen;

/// <summary>A photo that is no image ImageSharp can read, or too many pixels to decode safely: it is left out.</summary>
public sealed class UnreadablePhotoException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Writes a resident's photo without what it says about them: EXIF (GPS position, camera, time), IPTC, XMP and ICC go.
/// The pixels are decoded and encoded again as JPEG, turned upright first because the orientation lives in EXIF.
/// </summary>
public static class PhotoScrubber
{
    /// <summary>A 10 MB JPEG can claim a huge canvas; 50 megapixels is beyond any phone camera and keeps decoding bounded.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>Downloads through the channel into memory and writes the cleaned photo to <paramref name="path"/>; returns the downloaded size.</summary>
    /// <exception cref="InvalidDataException">Larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="UnreadablePhotoException">Not an image that can be cleaned.</exception>
    public static async Task<long> DownloadCleanAsync(IPhotoDownloader downloader, string fileId, string path, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var size = await downloader.DownloadPhotoAsync(fileId, buffer, ct);
        if (size > maxBytes || buffer.Length > maxBytes) throw new InvalidDataException("photo over Meldingen:MaxPhotoBytes");
        // The original, metadata and all, never touches the disk.
        await File.WriteAllBytesAsync(path, Clean(buffer.ToArray()), ct);
        return size;
    }

    /// <summary>The photo as a JPEG without metadata.</summary>
    /// <exception cref="UnreadablePhotoException">Not an image that can be cleaned.</exception>
    public static byte[] Clean(byte[] photo)
    {
        try
        {
            var info = Image.Identify(photo) ?? throw new UnreadablePhotoException("not an image format ImageSharp knows");
            if ((long)info.Width * info.Height > MaxPixels) throw new UnreadablePhotoException($"{info.Width}x{info.Height} pixels is over the limit");
            using var image = Image.Load(photo);
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IccProfile = null;
            foreach (var frame in image.Frames)
            {
                frame.Metadata.ExifProfile = null;
                frame.Metadata.IptcProfile = null;
                frame.Metadata.XmpProfile = null;
                frame.Metadata.IccProfile = null;
            }
            using var output = new MemoryStream();
            image.Save(output, new JpegEncoder { Quality = 90 });
            return output.ToArray();
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException)
        {
            throw new UnreadablePhotoException(ex.GetType().Name, ex);
        }
    }
}
