using Buurtkracht.Core;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.WebChat;

/// <summary>
/// Photos from the web chat: the page uploads the file, this checks its size and that it really is a JPEG or PNG, keeps
/// it as an upload under the photo store's concept folder, and hands the dialog a photo message with a file id only the
/// server makes. The dialog then "downloads" it like a Teams photo (cleaned of EXIF on the way), and the upload is gone.
/// </summary>
public sealed class WebChatPhotos(MeldingPhotoStore photos, IOptions<MeldingenOptions> options) : IPhotoDownloader
{
    public ChannelKind Kind => ChannelKind.WebChat;

    private string Folder => Path.Combine(photos.Root, "concept");

    /// <summary>JPEG starts FF D8 FF, PNG 89 'P' 'N' 'G'; anything else is refused whatever its name or type says.</summary>
    public static bool LooksLikePhoto(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && (head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF || head[0] == 0x89 && head[1] == 0x50 && head[2] == 0x4E && head[3] == 0x47);

    public async Task<long> DownloadPhotoAsync(string fileId, Stream destination, CancellationToken ct)
    {
        var path = PathOf(fileId) ?? throw new FileNotFoundException("not a web chat upload");
        if (!File.Exists(path)) throw new FileNotFoundException("upload gone");
        if (new FileInfo(path).Length > options.Value.MaxPhotoBytes) throw new InvalidDataException("too large");
        await using (var file = File.OpenRead(path)) await file.CopyToAsync(destination, ct);
        var size = new FileInfo(path).Length;
        File.Delete(path);
        return size;
    }

    /// <summary>Ids are "{visitor}-{guid}" made here; anything with another shape names no file.</summary>
    private string? PathOf(string fileId) =>
        fileId.Length is > 0 and <= 120 && fileId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? Path.Combine(Folder, $"webchat-{fileId}.upload")
            : null;

    internal async Task<string> KeepAsync(string visitor, Stream upload, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var id = $"{visitor}-{Guid.NewGuid():N}";
        await using var file = File.Create(PathOf(id)!);
        await upload.CopyToAsync(file, ct);
        return id;
    }

    /// <summary>POST /webchat/api/photo?chat=private|group&amp;clientMessageId=…: one multipart file named "photo".</summary>
    internal static async Task<IResult> UploadAsync(
        string chat, string clientMessageId, string? userName, HttpContext context, WebChatVisitors visitors, WebChatPhotos store,
        IInboundHandler engine, IOptions<MeldingenOptions> options, CancellationToken ct)
    {
        if (!WebChatEndpoints.IsId(clientMessageId) || chat is not ("private" or "group"))
            return Results.BadRequest(new { error = "clientMessageId and chat (private|group) are required" });
        if (!context.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var form = await context.Request.ReadFormAsync(ct);
        if (form.Files.GetFile("photo") is not { } file) return Results.BadRequest(new { error = "send one file named photo" });
        if (file.Length > options.Value.MaxPhotoBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var head = new byte[8];
        await using (var probe = file.OpenReadStream()) _ = await probe.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (!LooksLikePhoto(head)) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);

        var visitor = visitors.FindOrIssue(context);
        await using var stream = file.OpenReadStream();
        var fileId = await store.KeepAsync(visitor, stream, ct);
        var message = WebChatEndpoints.Inbound(visitor, clientMessageId, chat == "group", userName, new PhotoContent(fileId, file.Length, null));
        var outcome = await engine.HandleAsync(message, ct);
        return outcome == InboundOutcome.Failed ? Results.StatusCode(503) : Results.Ok(new { outcome = outcome.ToString() });
    }

    /// <summary>A multipart body holds the photo and a little framing.</summary>
    internal static long MaxUploadBytes(MeldingenOptions options) => options.MaxPhotoBytes + 64 * 1024;

    internal static RequestSizeLimitAttribute SizeLimit(MeldingenOptions options) => new(MaxUploadBytes(options));
}
