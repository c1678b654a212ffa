using System.Globalization;
using System.Threading.Channels;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Stores a finished melding in the turn's unit of work, answers with its reference, and posts the group notices.</summary>
public sealed class MeldingSubmitter(
    MeldingPhotoStore photos, IEnumerable<IMeldingSink> sinks, MeldingForwardSignal signal, Microsoft.Extensions.Options.IOptions<DemoMeldingOptions> demo,
    ILogger<MeldingSubmitter> log)
{
    public async Task SubmitAsync(TurnContext ctx)
    {
        var v = ctx.Values;
        var categoryId = v.GetInt(MeldingDialog.CategoryKey) ?? throw new InvalidOperationException("No category chosen.");
        var category = await ctx.Db.MeldingCategories.SingleAsync(c => c.Id == categoryId);
        var year = Amsterdam.ToLocal(ctx.Now).Year;
        // Turns are serialised by the engine and the unique index guards the rest.
        var sequence = (await ctx.Db.Meldingen.Where(m => m.Year == year).MaxAsync(m => (int?)m.Sequence) ?? 0) + 1;
        var reference = FormatReference(year, sequence);
        var anonymous = v[MeldingDialog.AnonymousKey] != "0";

        var melding = new Melding
        {
            Reference = reference,
            Year = year,
            Sequence = sequence,
            Theme = Enum.Parse<MeldingTheme>(v[MeldingDialog.ThemeKey]!),
            CategoryId = category.Id,
            CategoryName = category.NameNl,
            Latitude = ParseDouble(v[MeldingDialog.LatitudeKey]),
            Longitude = ParseDouble(v[MeldingDialog.LongitudeKey]),
            Address = v[MeldingDialog.AddressKey],
            Street = v[MeldingDialog.StreetKey],
            Description = v[MeldingDialog.DescriptionKey]!,
            Anonymous = anonymous,
            ReporterName = anonymous ? null : v[MeldingDialog.NameKey],
            ReporterEmail = anonymous ? null : v[MeldingDialog.EmailKey],
            Channel = ctx.Message.Chat.Channel,
            ChatId = ctx.Message.Chat.ChatId,
            IsDemo = ctx.Message.Chat.Channel == ChannelKind.WebChat,
            Member = ctx.Member,
            Language = ctx.PersonalLanguage,
            CreatedAt = ctx.Now,
            UpdatedAt = ctx.Now,
        };
        melding.SetStatus(MeldingStatus.Ontvangen, ctx.Now);
        melding.PhotoPaths = photos.Keep(reference, MeldingDialog.PhotoPaths(ctx));
        // A demo melding stays here: no forward, so no sink ever sees it (MeldingForwardingJob skips demo ones too).
        foreach (var sink in melding.IsDemo && !demo.Value.ForwardMeldingen ? Enumerable.Empty<IMeldingSink>() : sinks)
            melding.Forwards.Add(new MeldingForward { Sink = sink.Name, State = ForwardingState.Pending, NextAttemptAt = ctx.Now });
        ctx.Db.Meldingen.Add(melding);

        ctx.Say(MeldingTexts.Sent, reference);
        await PostGroupNoticesAsync(ctx, melding, category);
        signal.Notify();
        log.LogInformation("Melding {Reference} stored ({Category}, {Photos} photos)", reference, category.Code, melding.PhotoPaths.Count);
    }

    public static string FormatReference(int year, int sequence) => string.Create(CultureInfo.InvariantCulture, $"BK-{year}-{sequence:D6}");

    private static double? ParseDouble(string? value) => value is null ? null : double.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>One anonymous line in every group that turned the notice on and names the melding's street.</summary>
    private static async Task PostGroupNoticesAsync(TurnContext ctx, Melding melding, MeldingCategory category)
    {
        if (melding.Street is not { } street) return;
        // A demo melding is told in the demo groups only, and a real one never there.
        var demo = melding.IsDemo;
        var groups = await ctx.Db.MeldingGroupSettings.Where(s => s.NoticeEnabled && s.Group!.IsActive && (s.Group.Channel == ChannelKind.WebChat) == demo)
            .Select(s => s.Group!).ToListAsync();
        foreach (var group in groups.Where(g => g.Streets.Contains(street, StringComparer.OrdinalIgnoreCase)))
        {
            // Groups hear Dutch: a group has no single language.
            var link = ctx.Services.GetService(typeof(Channels)) is Channels channels && channels.TryGet(group.Channel, out var channel)
                ? SafeLink(channel) : "/melding";
            var text = MeldingTexts.GroupNotice.In("nl", category.NameNl.ToLower(CultureInfo.GetCultureInfo("nl-NL")), street, link);
            ctx.SendTo(group.Address, ChatKind.Group, OutgoingMessage.Plain(text));
        }
    }

    private static string SafeLink(IChannel channel)
    {
        try
        {
            return channel.PrivateChatLink(MeldingDialog.DialogName);
        }
        catch (InvalidOperationException)
        {
            return "/melding";
        }
    }
}

/// <summary>Wakes the forwarding kick right after a melding was stored, so it need not wait for the minute trigger.</summary>
public sealed class MeldingForwardSignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signal.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken ct) => _signal.Reader.ReadAsync(ct);
}
