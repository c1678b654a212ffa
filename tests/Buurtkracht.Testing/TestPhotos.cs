using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Buurtkracht.Testing;

/// <summary>Real JPEGs for photo tests, made with ImageSharp: one as a phone writes it, with a GPS position and a camera in EXIF.</summary>
public static class TestPhotos
{
    /// <summary>Kerkstraat, Alblasserdam: 51° 51' 36" N, 4° 39' 36" E.</summary>
    public static readonly Rational[] Latitude = [new(51, 1), new(51, 1), new(36, 1)];
    public static readonly Rational[] Longitude = [new(4, 1), new(39, 1), new(36, 1)];
    public const string CameraModel = "Pixel 7 Buurtkracht-test";

    /// <summary>A small JPEG with EXIF GPS latitude/longitude and camera make and model.</summary>
    public static byte[] JpegWithGps(int width = 32, int height = 24, byte shade = 120)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(shade, 80, 40));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, Latitude);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, Longitude);
        exif.SetValue(ExifTag.Make, "Google");
        exif.SetValue(ExifTag.Model, CameraModel);
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    /// <summary>True when the image's EXIF holds a GPS latitude (to show a test photo really carries one).</summary>
    public static bool HasGps(byte[] photo) =>
        (Image.Identify(photo) ?? throw new InvalidDataException("not an image")).Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude) is not null;

    /// <summary>True when the bytes are a readable image that carries no EXIF, IPTC or XMP.</summary>
    public static bool IsCleanImage(byte[] photo)
    {
        var info = Image.Identify(photo) ?? throw new InvalidDataException("not an image");
        return info.Metadata.ExifProfile is null && info.Metadata.IptcProfile is null && info.Metadata.XmpProfile is null;
    }
}
