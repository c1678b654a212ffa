using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Events;

/// <summary>RSVP buttons ("rsvp:{occurrence}:c|m|n") under announcements and reminders, in groups and private chats.</summary>
public sealed class RsvpChoiceHandler(EventService events) : IChoiceHandler
{
    public string Prefix => EventChoices.RsvpPrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var occurrenceId) || EventChoices.ParseAnswer(parts[1]) is not { } answer)
        {
            if (ctx.IsPrivate) ctx.Say(ConversationTexts.ButtonExpired);
            return;
        }
        var (outcome, recorded, occurrence) = await events.RecordRsvpAsync(ctx.Db, ctx.Member, occurrenceId, answer, ctx.Now);
        var privateChat = EventChoices.PrivateChatOf(ctx);
        if (outcome == EventService.RsvpOutcome.Closed)
        {
            if (ctx.IsPrivate) ctx.Say(EventTexts.NoLongerOpen);
            else if (ctx.CanAnswerPress) ctx.Notice(EventTexts.NoLongerOpen, alert: false);
            return;
        }
        var ev = occurrence!.Event!;
        var language = ctx.PersonalLanguage;
        if (outcome == EventService.RsvpOutcome.Full)
        {
            if (privateChat is { } chat) ctx.SendTo(chat, ChatKind.Private, OutgoingMessage.Plain(EventTexts.Full.In(language, ev.Title)));
            else ctx.Notice(EventTexts.Full, alert: true, ev.Title);
            return;
        }
        if (privateChat is not { } to)
        {
            // No private chat to confirm in: the press itself says it counted (a second press too), and how to get
            // reminders. Without pop-ups (Teams) the group is not told for every person who presses.
            if (ctx.CanAnswerPress) ctx.Notice(CountedText(recorded), alert: recorded != RsvpAnswer.NotComing, ev.Title);
            return;
        }
        if (outcome == EventService.RsvpOutcome.Unchanged)
            return;
        if (!ctx.IsPrivate && ctx.CanAnswerPress) ctx.Notice(EventTexts.CountedSeePrivateChat, alert: false);
        var when = EventTime.Format(occurrence.StartsAt, language);
        var text = recorded switch
        {
            RsvpAnswer.Coming => EventTexts.YouAreComing.In(language, ev.Title, when),
            RsvpAnswer.Maybe => EventTexts.YouMightCome.In(language, ev.Title, when),
            _ => EventTexts.YouAreNotComing.In(language, ev.Title),
        };
        var choices = recorded == RsvpAnswer.NotComing
            ? []
            : new List<IReadOnlyList<Choice>> { new[] { new Choice(EventTexts.AddToCalendar.In(language), $"{EventChoices.CalendarPrefix}:{occurrence.Id}") } };
        ctx.SendTo(to, ChatKind.Private, new OutgoingMessage { Text = text, Choices = choices });
    }

    private static TextKey CountedText(RsvpAnswer answer) => answer switch
    {
        RsvpAnswer.Coming => EventTexts.CountedComing,
        RsvpAnswer.Maybe => EventTexts.CountedMaybe,
        _ => EventTexts.CountedNotComing,
    };
}

/// <summary>"Zet in mijn agenda" ("ics:{occurrence}"): the .ics file, privately.</summary>
public sealed class CalendarChoiceHandler(EventService events) : IChoiceHandler
{
    public string Prefix => EventChoices.CalendarPrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        var occurrence = int.TryParse(payload, out var id)
            ? await ctx.Db.EventOccurrences.Include(o => o.Event).FirstOrDefaultAsync(o => o.Id == id)
            : null;
        if (occurrence is null)
        {
            if (ctx.IsPrivate) ctx.Say(ConversationTexts.ButtonExpired);
            return;
        }
        if (EventChoices.PrivateChatOf(ctx) is not { } to)
        {
            // A pop-up where the platform has them, rather than the link in the group for everyone who presses.
            if (ctx.CanAnswerPress) ctx.Notice(EventTexts.CalendarNeedsPrivateChat, alert: true);
            else ctx.Say(EventTexts.OpenPrivateChat, ctx.Channel.PrivateChatLink("start"));
            return;
        }
        var path = await events.WriteCalendarFileAsync(occurrence.Event!, occurrence, ctx.Now, ctx.PersonalLanguage);
        ctx.SendTo(to, ChatKind.Private, new OutgoingMessage
        {
            Text = EventTexts.CalendarCaption.In(ctx.PersonalLanguage, occurrence.Event!.Title),
            DocumentPath = path,
        });
    }
}

public static class EventChoices
{
    public const string RsvpPrefix = "rsvp";
    public const string CalendarPrefix = "ics";
    public const string AttendancePrefix = "aanwezig";

    public static RsvpAnswer? ParseAnswer(string code) => code switch
    {
        "c" => RsvpAnswer.Coming,
        "m" => RsvpAnswer.Maybe,
        "n" => RsvpAnswer.NotComing,
        _ => null,
    };

    /// <summary>Where to answer a person privately: this chat when it is private, their private chat otherwise (if they opened one).</summary>
    internal static ChatAddress? PrivateChatOf(TurnContext ctx) =>
        ctx.IsPrivate ? ctx.Message.Chat
        : ctx.Member is { PrivateChatId: { } chatId, PrivateChatUnreachable: false } member ? new ChatAddress(member.Channel, chatId)
        : null;
}
