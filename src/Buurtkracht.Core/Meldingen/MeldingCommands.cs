using System.Globalization;
using System.Text;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Meldingen;

/// <summary>/melding, /mijnmeldingen and /meldingmelden.</summary>
public static class MeldingCommands
{
    public static BotCommand Melding { get; } =
        BotCommand.StartsDialog("melding", MeldingTexts.MeldingDescription, CommandScope.Private, MeldingDialog.DialogName);

    /// <summary>The resident's own meldingen on this channel, newest first, with their status.</summary>
    public static BotCommand MyMeldingen { get; } = new("mijnmeldingen", MeldingTexts.MyMeldingenDescription, CommandScope.Private, async ctx =>
    {
        var memberId = ctx.Member.Id;
        var meldingen = await ctx.Db.Meldingen.Include(m => m.Category).Where(m => m.MemberId == memberId)
            .OrderByDescending(m => m.Id).Take(20).ToListAsync();
        var followed = await ctx.Db.Meldingen.Include(m => m.Category)
            .Where(m => ctx.Db.MeldingFollowers.Any(f => f.MeldingId == m.Id && f.MemberId == memberId))
            .OrderByDescending(m => m.Id).Take(20).ToListAsync();
        if (meldingen.Count == 0 && followed.Count == 0)
        {
            ctx.Say(MeldingTexts.NoMeldingen);
            return;
        }
        static string Day(DateTimeOffset at) => Amsterdam.ToLocal(at).ToString("d-M-yyyy", CultureInfo.InvariantCulture);
        var text = new StringBuilder(ctx.T(MeldingTexts.MyMeldingenIntro));
        foreach (var m in meldingen)
        {
            // A blank line between meldingen: each is a few lines now (place, date, status, the latest news).
            text.AppendLine().AppendLine().Append(ctx.T(MeldingTexts.MyMeldingenLine, m.Reference,
                m.Category?.Name(ctx.Language) ?? m.CategoryName,
                m.Address ?? ctx.T(MeldingTexts.SharedPlace),
                Day(m.CreatedAt),
                ctx.T(MeldingTexts.StatusName(m.Status))));
            if (m.StatusNotes is { Length: > 0 } notes) text.AppendLine().Append(ctx.T(MeldingTexts.MyMeldingenNote, Day(m.UpdatedAt), notes));
            else if (Day(m.UpdatedAt) != Day(m.CreatedAt)) text.AppendLine().Append(ctx.T(MeldingTexts.MyMeldingenUpdated, Day(m.UpdatedAt)));
        }
        // "Ja, deze": the neighbours' meldingen this resident follows, with their status, without anything about the reporter.
        if (followed.Count > 0)
        {
            if (meldingen.Count == 0) text.Clear();
            else text.AppendLine().AppendLine();
            text.Append(ctx.T(MeldingTexts.MyFollowedIntro));
            foreach (var m in followed)
                text.AppendLine().Append(ctx.T(MeldingTexts.MyFollowedLine, m.Reference, m.Category?.Name(ctx.Language) ?? m.CategoryName, ctx.T(MeldingTexts.StatusName(m.Status))));
        }
        ctx.Reply(OutgoingMessage.Plain(text.ToString()));
    });

    /// <summary>
    /// /meldingmelden aan|uit, in a group, by one of its moderators or a group admin: a melding in the group's streets
    /// is announced in the group with one anonymous line. Off by default.
    /// </summary>
    public static BotCommand GroupNotice { get; } = new("meldingmelden", MeldingTexts.GroupNoticeDescription, CommandScope.Group, async ctx =>
    {
        var group = ctx.Group!;
        var setting = group.Id == 0 ? null : await ctx.Db.MeldingGroupSettings.FindAsync(group.Id);
        var argument = ctx.CommandArgument.Trim().ToLowerInvariant();
        bool? wanted = argument switch
        {
            "aan" or "on" => true,
            "uit" or "off" => false,
            _ => null,
        };
        if (wanted is null)
        {
            ctx.Say(MeldingTexts.NoticeUsage, ctx.T(setting?.NoticeEnabled == true ? MeldingTexts.On : MeldingTexts.Off));
            return;
        }
        if (!await MayChangeAsync(ctx)) return;

        if (setting is null)
        {
            setting = new MeldingGroupSetting { Group = group };
            ctx.Db.MeldingGroupSettings.Add(setting);
        }
        setting.NoticeEnabled = wanted.Value;
        setting.UpdatedAt = ctx.Now;
        setting.UpdatedBy = $"member:{ctx.Member.Id}";
        ctx.Say(wanted.Value ? MeldingTexts.NoticeOn : MeldingTexts.NoticeOff);
        if (wanted.Value && group.Streets.Count == 0) ctx.Say(MeldingTexts.NoticeNeedsStreets);
    }) { Audience = CommandAudience.GroupAdmins };

    private static async Task<bool> MayChangeAsync(TurnContext ctx)
    {
        if (ctx.Group!.Id != 0 && await ctx.HasRoleAsync(Role.Moderator, ctx.Group.Id)) return true;
        // Fetched before the turn runs (TurnContext.Platform): the admin check never holds up the engine.
        switch (ctx.Platform.IsGroupAdmin())
        {
            case true:
                return true;
            case false:
                ctx.Say(MeldingTexts.OnlyModerators);
                break;
            default:
                ctx.Say(MeldingTexts.AdminCheckFailed);
                break;
        }
        return false;
    }
}
