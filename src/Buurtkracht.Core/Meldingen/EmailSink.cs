using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Buurtkracht.Core.Scheduling;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Mails a melding to the municipality's meldpunt over SMTP (MailKit), photos attached.</summary>
public sealed class EmailSink(IOptions<MeldingenOptions> options) : IMeldingSink
{
    public const string SinkName = "email";

    public string Name => SinkName;

    public async Task<SinkResult> ForwardAsync(Melding melding, CancellationToken ct)
    {
        var o = options.Value.Email;
        using var message = Message(melding, o);
        using var smtp = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(o.Host!, o.Port, Security(o), ct);
            if (!string.IsNullOrEmpty(o.Username)) await smtp.AuthenticateAsync(o.Username, o.Password ?? "", ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or ProtocolException
            or CommandException or AuthenticationException or SslHandshakeException && !ct.IsCancellationRequested)
        {
            // Named, so the forward's last error says it was the mail server, not the melding.
            return new SinkResult.Failed($"Smtp {ex.GetType().Name}: {ex.Message}");
        }
        return new SinkResult.Forwarded();
    }

    /// <summary>TLS as configured: SSL from the first byte on port 465 (or when asked), else STARTTLS, which must succeed.</summary>
    internal static SecureSocketOptions Security(EmailSinkOptions o) =>
        !o.EnableSsl ? SecureSocketOptions.None
        : o.TlsMode switch
        {
            EmailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
            EmailTlsMode.StartTls => SecureSocketOptions.StartTls,
            _ => o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
        };

    private static MimeMessage Message(Melding melding, EmailSinkOptions o)
    {
        var message = new MimeMessage { Subject = $"Melding {melding.Reference}: {melding.CategoryName}" };
        message.From.Add(MailboxAddress.Parse(o.From));
        foreach (var to in o.To!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            message.To.Add(MailboxAddress.Parse(to));
        if (!melding.Anonymous && melding.ReporterEmail is { } email)
            message.ReplyTo.Add(new MailboxAddress(melding.ReporterName ?? "", email));
        var body = new BodyBuilder { TextBody = Body(melding) };
        foreach (var path in melding.PhotoPaths.Where(File.Exists))
            body.Attachments.Add(path, File.ReadAllBytes(path), new ContentType("image", "jpeg"));
        message.Body = body.ToMessageBody();
        return message;
    }

    internal static string Body(Melding m)
    {
        var place = m.Address is not null
            ? m.Town is null && !m.AddressToCheck ? $"{m.Address}, Alblasserdam" : m.PlaceLine
            : string.Create(CultureInfo.InvariantCulture, $"{m.Latitude:F6}, {m.Longitude:F6} (https://www.openstreetmap.org/?mlat={m.Latitude:F6}&mlon={m.Longitude:F6}#map=19/{m.Latitude:F6}/{m.Longitude:F6})");
        var contact = m.Anonymous ? "anoniem" : $"{m.ReporterName} <{m.ReporterEmail}>";
        return new StringBuilder()
            .AppendLine($"Nieuwe melding via de Buurtkracht-bot: {m.Reference}")
            .AppendLine()
            .AppendLine($"Thema: {m.Theme}")
            .AppendLine($"Categorie: {m.CategoryName}")
            .AppendLine($"Plek: {place}")
            .AppendLine($"Gemeld op: {Amsterdam.ToLocal(m.CreatedAt).ToString("d-M-yyyy HH:mm", CultureInfo.InvariantCulture)}")
            .AppendLine($"Melder: {contact}")
            .AppendLine($"Foto's: {m.PhotoPaths.Count} (bijgevoegd)")
            .AppendLine()
            .AppendLine("Omschrijving:")
            .AppendLine(m.Description)
            .ToString();
    }
}
