using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>What a resident reported, as the tests store it before the dashboard is opened.</summary>
public sealed record MeldingSeed(
    string Category, DateTimeOffset CreatedAt, string ChatId, string? Street = null, string? Address = null,
    double? Latitude = null, double? Longitude = null, string Description = "Er ligt veel afval.",
    string? ReporterName = null, string? ReporterEmail = null, MeldingStatus Status = MeldingStatus.Ontvangen,
    ForwardingState? Forwarding = null, byte[]? Photo = null, bool AddressToCheck = false);

/// <summary>Street groups and meldingen stored directly in the host's database.</summary>
public static class MeldingenData
{
    /// <summary>A Telegram street group in a buurt, covering the streets; returns its id.</summary>
    public static async Task<int> StreetGroupAsync(this BotHost host, string chatId, string title, string buurt, params string[] streets)
    {
        await using var db = host.OpenDb();
        var group = new StreetGroup
        {
            Channel = ChannelKind.Telegram, ChatId = chatId, Title = title, Streets = [.. streets], CreatedAt = DateTimeOffset.UtcNow,
            BuurtId = await db.Buurten.Where(b => b.Name == buurt).Select(b => b.Id).SingleAsync(), LinkedAt = DateTimeOffset.UtcNow,
        };
        db.StreetGroups.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    /// <summary>Stores the melding with its status history, forward and photo (in the service's photo folder); returns its id.</summary>
    public static async Task<(int Id, string Reference)> MeldingAsync(this BotHost host, MeldingSeed seed)
    {
        await using var db = host.OpenDb();
        var category = await db.MeldingCategories.SingleAsync(c => c.Code == seed.Category);
        var year = seed.CreatedAt.Year;
        var sequence = (await db.Meldingen.Where(m => m.Year == year).MaxAsync(m => (int?)m.Sequence) ?? 0) + 1;
        var reference = MeldingSubmitter.FormatReference(year, sequence);
        var melding = new Melding
        {
            Reference = reference, Year = year, Sequence = sequence, Theme = category.Theme, CategoryId = category.Id, CategoryName = category.NameNl,
            Street = seed.Street, Address = seed.Address, Latitude = seed.Latitude, Longitude = seed.Longitude, Description = seed.Description,
            Anonymous = seed.ReporterName is null && seed.ReporterEmail is null, ReporterName = seed.ReporterName, ReporterEmail = seed.ReporterEmail,
            Channel = ChannelKind.Telegram, ChatId = seed.ChatId, CreatedAt = seed.CreatedAt, UpdatedAt = seed.CreatedAt,
            AddressToCheck = seed.AddressToCheck,
        };
        melding.SetStatus(MeldingStatus.Ontvangen, seed.CreatedAt);
        if (seed.Status != MeldingStatus.Ontvangen) melding.SetStatus(seed.Status, seed.CreatedAt.AddHours(1));
        if (seed.Forwarding is { } state)
        {
            // Not due for days, so the running forwarding job leaves it as the test set it.
            melding.Forwards.Add(new MeldingForward
            {
                Sink = "open311", State = state, Attempts = state == ForwardingState.Pending ? 0 : 2, NextAttemptAt = DateTimeOffset.UtcNow.AddDays(3),
                ForwardedAt = state == ForwardingState.Forwarded ? seed.CreatedAt : null, ExternalId = state == ForwardingState.Forwarded ? "638344" : null,
                LastError = state == ForwardingState.Failed ? "Open311Exception: requests.json: HTTP 503" : null,
            });
        }
        if (seed.Photo is { } photo)
        {
            var path = Path.Combine(host.DataFolder, "meldingen", reference, "foto-1.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, photo);
            melding.PhotoPaths = [path];
        }
        db.Meldingen.Add(melding);
        await db.SaveChangesAsync();
        return (melding.Id, reference);
    }
}
