using System.Security.Cryptography;
using System.Text.Json;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Privacy;

/// <summary>
/// Removes or pseudonymises a member everywhere (AVG art. 17), in the caller's unit of work: /vergeetmij after the
/// confirmation, and the retention job for members who went quiet. Meldingen keep what the municipality needs (category,
/// place, description) and lose name, e-mail, photos and the chat; non-anonymous answers, RSVPs, opt-ins, roles and
/// open dialogs go; group memberships end (the rows stay for the counts, with no name); the audit, broadcasts and role
/// grants keep a pseudonym instead of the platform id; delivered messages to the private chat lose their text.
/// </summary>
public static class ForgetMember
{
    public const string AuditAction = "member-forgotten";
    private const string PseudonymPrefix = "vergeten:";

    /// <summary>Message payload left in an outbox row whose text was cleared.</summary>
    public static readonly string ClearedPayload = JsonSerializer.Serialize(OutgoingMessage.Plain(""), Outbox.Json);

    /// <summary>Forgets the member; the caller saves. Returns the pseudonym. Photos are deleted from disk at once.</summary>
    public static async Task<string> ForgetAsync(BuurtkrachtDb db, Member member, DateTimeOffset now, string actor, CancellationToken ct = default)
    {
        var who = AuditLog.Who(member);
        var pseudonym = PseudonymPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var id = member.Id;

        var meldingen = await db.Meldingen.Where(m => m.MemberId == id).ToListAsync(ct);
        foreach (var melding in meldingen)
        {
            MeldingPhotoStore.Delete(melding.PhotoPaths);
            melding.PhotoPaths = [];
            melding.ReporterName = null;
            melding.ReporterEmail = null;
            melding.ChatId = "";
            melding.MemberId = null;
            melding.PersonalDataRemovedAt ??= now;
        }

        // Following and "is het opgelost?" hold the chat: following goes, an answer stays as a count without its chat.
        db.RemoveRange(await db.MeldingFollowers.Where(f => f.MemberId == id).ToListAsync(ct));
        foreach (var feedback in await db.MeldingFeedback.Where(f => f.MemberId == id).ToListAsync(ct))
        {
            feedback.MemberId = null;
            feedback.ChatId = $"{pseudonym}-{feedback.Id}";
        }

        var responses = await db.Set<QuestionnaireResponse>().Where(r => r.MemberId == id).ToListAsync(ct);
        db.RemoveRange(responses);
        db.RemoveRange(await db.Set<QuestionnaireParticipation>().Where(p => p.MemberId == id).ToListAsync(ct));
        db.RemoveRange(await db.Set<QuestionnaireOptIn>().Where(o => o.MemberId == id).ToListAsync(ct));
        db.RemoveRange(await db.EventRsvps.Where(r => r.MemberId == id).ToListAsync(ct));
        db.RemoveRange(await db.RoleAssignments.Where(r => r.MemberId == id).ToListAsync(ct));
        db.RemoveRange(await db.DialogStates.Where(d => d.Channel == member.Channel && d.UserId == member.ChannelUserId).ToListAsync(ct));
        foreach (var membership in await db.GroupMemberships.Where(m => m.MemberId == id && m.LeftAt == null).ToListAsync(ct))
            membership.LeftAt = now;
        foreach (var ev in await db.Events.Where(e => e.OrganiserMemberId == id).ToListAsync(ct)) ev.OrganiserMemberId = null;

        foreach (var entry in await PersonalDataExport.AuditAboutAsync(db, who, ct))
        {
            if (entry.Actor == who) entry.Actor = pseudonym;
            entry.Subject = string.Join(' ', entry.Subject.Split(' ').Select(part => part == who ? pseudonym : part));
        }
        foreach (var broadcast in await db.Set<Broadcasts.Broadcast>().Where(b => b.SentBy == who || b.SenderMemberId == id).ToListAsync(ct))
        {
            if (broadcast.SentBy == who) broadcast.SentBy = pseudonym;
            broadcast.SenderMemberId = null;
        }
        foreach (var role in await db.RoleAssignments.Where(r => r.GrantedBy == who).ToListAsync(ct)) role.GrantedBy = pseudonym;
        foreach (var occurrence in await db.EventOccurrences.Where(o => o.AttendanceRecordedBy == who).ToListAsync(ct)) occurrence.AttendanceRecordedBy = pseudonym;

        // What was said to them privately; messages still waiting (such as the goodbye of this very turn) go out first.
        if (member.PrivateChatId is { } chat)
            foreach (var row in await db.OutboxMessages.Where(o => o.Channel == member.Channel && o.ChatId == chat && o.Status != OutboxStatus.Pending).ToListAsync(ct))
            {
                row.PayloadJson = ClearedPayload;
                row.ChatId = pseudonym;
            }

        member.DisplayName = "";
        member.ChannelUserId = pseudonym;
        member.PrivateChatId = null;
        member.PrivateChatUnreachable = true;
        member.ForgottenAt = now;
        AuditLog.Record(db, now, actor == who ? pseudonym : actor, AuditAction, pseudonym,
            $"meldingen:{meldingen.Count} responses:{responses.Count}");
        return pseudonym;
    }
}
