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
        var anonymous = v[MeldingDialog.AnonymousKey] != "0";
        var melding = new Melding
        {
            Theme = Enum.Parse<MeldingTheme>(v[MeldingDialog.ThemeKey]!),
            CategoryId = category.Id,
            CategoryName = category.NameNl,
            Latitude = ParseDouble(v[MeldingDialog.LatitudeKey]),
            Longitude = ParseDouble(v[MeldingDialog.LongitudeKey]),
            Address = v[MeldingDialog.AddressKey],
            Street = v[MeldingDialog.StreetKey],
            Postcode = v[MeldingDialog.PostcodeKey],
            Town = v[MeldingDialog.TownKey],
            BagId = v[MeldingDialog.BagIdKey],
            AddressToCheck = v[MeldingDialog.AddressToCheckKey] == "1",
            Description = v[MeldingDialog.DescriptionKey]!,
            Anonymous = anonymous,
            ReporterName = anonymous ? null : v[MeldingDialog.NameKey],
            ReporterEmail = anonymous ? null : v[MeldingDialog.EmailKey],
            Attributes = AttributeSteps.Answers(ctx).Select(a => new MeldingAttribute { Code = a.Code, Value = a.Value, Question = a.Question, Answer = a.Answer }).ToList(),
        };
        await StoreAsync(ctx, melding, MeldingDialog.PhotoPaths(ctx));
        // Only what really happens: with the store-only sink (or none, for a demo) nobody passes it on but a coördinator.
        ctx.Say(melding.Forwards.Any(f => f.Sink != StoreOnlySink.SinkName) ? MeldingTexts.Sent : MeldingTexts.SentStoredOnly, melding.Reference);
        await PostGroupNoticesAsync(ctx, melding, category);
        log.LogInformation("Melding {Reference} stored ({Category}, {Photos} photos)", melding.Reference, category.Code, melding.PhotoPaths.Count);
    }

    /// <summary>
    /// "Nee, het is niet opgelost": a new melding with the old one's category, place and extra answers, linked to it and
    /// forwarded with the old reference in its description. The one who says so is its reporter; only the original
    /// reporter's name and e-mail go along, a follower's melding is anonymous.
    /// </summary>
    public async Task ReopenAsync(TurnContext ctx, int oldId, string reason)
    {
        var old = await ctx.Db.Meldingen.Include(m => m.Attributes).SingleAsync(m => m.Id == oldId);
        var sameReporter = old.MemberId == ctx.Member.Id && !old.Anonymous && old.PersonalDataRemovedAt is null;
        var description = string.Format(CultureInfo.InvariantCulture, MeldingTexts.ReopenedDescription, old.Reference, reason);
        var melding = new Melding
        {
            Theme = old.Theme,
            CategoryId = old.CategoryId,
            CategoryName = old.CategoryName,
            Latitude = old.Latitude,
            Longitude = old.Longitude,
            Address = old.Address,
            Street = old.Street,
            Postcode = old.Postcode,
            Town = old.Town,
            BagId = old.BagId,
            AddressToCheck = old.AddressToCheck,
            Description = description.Length > MeldingDialog.MaxDescription ? description[..MeldingDialog.MaxDescription] : description,
            Anonymous = !sameReporter,
            ReporterName = sameReporter ? old.ReporterName : null,
            ReporterEmail = sameReporter ? old.ReporterEmail : null,
            ReopenedFromId = old.Id,
            Attributes = old.Attributes.Select(a => new MeldingAttribute { Code = a.Code, Value = a.Value, Question = a.Question, Answer = a.Answer }).ToList(),
        };
        await StoreAsync(ctx, melding, []);
        ctx.Say(MeldingTexts.Reopened, melding.Reference, old.Reference);
        log.LogInformation("Melding {Reference} reopens {Old}", melding.Reference, old.Reference);
    }

    /// <summary>Numbers the melding, ties it to this chat, adds a forward per sink and the first status, in the turn's unit of work.</summary>
    private async Task StoreAsync(TurnContext ctx, Melding melding, IReadOnlyList<string> photoPaths)
    {
        var year = Amsterdam.ToLocal(ctx.Now).Year;
        // Turns are serialised by the engine and the unique index guards the rest.
        var sequence = (await ctx.Db.Meldingen.Where(m => m.Year == year).MaxAsync(m => (int?)m.Sequence) ?? 0) + 1;
        melding.Reference = FormatReference(year, sequence);
        melding.Year = year;
        melding.Sequence = sequence;
        melding.Channel = ctx.Message.Chat.Channel;
        melding.ChatId = ctx.Message.Chat.ChatId;
        melding.IsDemo = ctx.Message.Chat.Channel == ChannelKind.WebChat;
        melding.Member = ctx.Member;
        melding.Language = ctx.PersonalLanguage;
        melding.CreatedAt = ctx.Now;
        melding.UpdatedAt = ctx.Now;
        melding.SetStatus(MeldingStatus.Ontvangen, ctx.Now);
        melding.PhotoPaths = photos.Keep(melding.Reference, photoPaths);
        // A demo melding stays here: no forward, so no sink ever sees it (MeldingForwardingJob skips demo ones too).
        foreach (var sink in melding.IsDemo && !demo.Value.ForwardMeldingen ? Enumerable.Empty<IMeldingSink>() : sinks)
            melding.Forwards.Add(new MeldingForward { Sink = sink.Name, State = ForwardingState.Pending, NextAttemptAt = ctx.Now });
        ctx.Db.Meldingen.Add(melding);
        signal.Notify();
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
