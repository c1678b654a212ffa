using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text;
using Buurtkracht.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Mails a melding to the municipality's meldpunt over SMTP (System.Net.Mail), photos attached.</summary>
public sealed class EmailSink(IOptions<MeldingenOptions> options) : IMeldingSink
{
    public const string SinkName = "email";

    public string Name => SinkName;

    public async Task<SinkResult> ForwardAsync(Melding melding, CancellationToken ct)
    {
        var o = options.Value.Email;
        using var message = new MailMessage { From = new MailAddress(o.From), Subject = $"Melding {melding.Reference}: {melding.CategoryName}" };
        foreach (var to in o.To!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) message.To.Add(to);
        if (!melding.Anonymous && melding.ReporterEmail is { } email) message.ReplyToList.Add(new MailAddress(email, melding.ReporterName ?? ""));
        message.Body = Body(melding);
        message.BodyEncoding = Encoding.UTF8;
        message.SubjectEncoding = Encoding.UTF8;
        foreach (var path in melding.PhotoPaths.Where(File.Exists))
            message.Attachments.Add(new Attachment(path, "image/jpeg"));

        using var smtp = new SmtpClient(o.Host, o.Port)
        {
            EnableSsl = o.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)o.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(o.Username)) smtp.Credentials = new NetworkCredential(o.Username, o.Password);
        await smtp.SendMailAsync(message, ct);
        return new SinkResult.Forwarded();
    }

    internal static string Body(Melding m)
    {
        var place = m.Address is { } address
            ? $"{address}, Alblasserdam"
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
