using System.Text.Json;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Privacy;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Tests.Infrastructure;
using Buurtkracht.Core.Tests.Meldingen;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Privacy;

/// <summary>/mijngegevens and /vergeetmij on a member with a bit of everything: a melding with name, e-mail and photo, a
/// group, a moderator role, an RSVP, a named questionnaire response, an opt-in and audit entries.</summary>
public sealed class PrivacyRightsTests
{
    private const string Email = "anna.devries@example.nl";

    private static async Task<CoreHarness> WithEverythingAsync()
    {
        var photos = new FakePhotoDownloader();
        photos.Files["foto"] = TestPhotos.JpegWithGps();
        var h = await StartAsync(photos);
        await h.GroupAsync(Anna, "Goedemorgen");
        await UpToAsync(h, Anna, "Heel", "wegen", "Cortgene 7");
        await h.PrivateAsync(Anna, "Een diepe kuil midden op de weg.");
        await h.PrivateAsync(Anna, new PhotoContent("foto", null, null));
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:naam"));
        await h.PrivateAsync(Anna, "Anna de Vries");
        await h.PrivateAsync(Anna, Email);
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        await ForwardOnceAsync(h);

        await h.DbAsync(async db =>
        {
            var now = h.Clock.GetUtcNow();
            var anna = await db.Members.SingleAsync(m => m.ChannelUserId == Anna.UserId);
            var group = await db.StreetGroups.SingleAsync();
            var buurt = await db.Buurten.FirstAsync(b => b.Name == "Souburgh");
            await RoleGrants.GrantAsync(db, anna, Role.Moderator, group, now, "cli", "cli", null, CancellationToken.None);
            var ev = new Event { Title = "Burendag", Status = EventStatus.Scheduled, CreatedAt = now, UpdatedAt = now };
            ev.Occurrences.Add(new EventOccurrence { StartsAt = now.AddDays(3), EndsAt = now.AddDays(3).AddHours(2) });
            db.Events.Add(ev);
            await db.SaveChangesAsync();
            db.EventRsvps.Add(new EventRsvp { OccurrenceId = ev.Occurrences[0].Id, MemberId = anna.Id, Answer = RsvpAnswer.Coming, UpdatedAt = now });
            var version = new QuestionnaireVersion { Key = "privacy-test", Version = 1, Hash = "h", Yaml = "", LoadedAt = now };
            db.Add(version);
            await db.SaveChangesAsync();
            var send = new QuestionnaireSend { VersionId = version.Id, Key = "privacy-test", Target = QuestionnaireTarget.Group, TargetId = group.Id, OpensAt = now, ClosesAt = now.AddDays(7), CreatedAt = now, Status = SendStatus.Sent };
            db.Add(send);
            await db.SaveChangesAsync();
            db.Add(new QuestionnaireParticipation { SendId = send.Id, MemberId = anna.Id, Status = ParticipationStatus.Completed, CompletedAt = now });
            db.Add(new QuestionnaireResponse { Id = "resp-anna", SendId = send.Id, VersionId = version.Id, Key = "privacy-test", MemberId = anna.Id, SubmittedOn = DateOnly.FromDateTime(now.UtcDateTime) });
            db.Add(new QuestionnaireAnswer { ResponseId = "resp-anna", QuestionId = "trots", Value = "Heel trots op de Kerkstraat" });
            db.Add(new QuestionnaireOptIn { MemberId = anna.Id, BuurtId = buurt.Id, OptedInAt = now });
            await db.SaveChangesAsync();
        });
        return h;
    }

    [Fact]
    public async Task Mijngegevens_sends_a_short_message_and_everything_stored_as_a_readable_file_and_as_json()
    {
        await using var h = await WithEverythingAsync();

        var turn = await h.PrivateAsync(Anna, "/mijngegevens");

        Assert.Equal(PrivacyTexts.MyDataSent.In("nl", 1, 1, 1, 1), turn.Texts[0]);
        var readable = Assert.Single(turn.Replies, r => r.DocumentPath?.EndsWith(".txt") == true).DocumentPath!;
        var jsonPath = Assert.Single(turn.Replies, r => r.DocumentPath?.EndsWith(".json") == true).DocumentPath!;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath));
        var root = json.RootElement;
        Assert.Equal("Anna de Vries", root.GetProperty("member").GetProperty("name").GetString());
        Assert.Equal(Anna.UserId, root.GetProperty("member").GetProperty("userId").GetString());
        Assert.Equal("Moderator", root.GetProperty("roles")[0].GetProperty("role").GetString());
        Assert.Equal(GroupTitle, root.GetProperty("groups")[0].GetProperty("group").GetString());
        var melding = root.GetProperty("meldingen")[0];
        Assert.Equal((Email, "Anna de Vries", "foto-1.jpg"),
            (melding.GetProperty("email").GetString(), melding.GetProperty("name").GetString(), melding.GetProperty("photos")[0].GetString()));
        Assert.Equal("Burendag", root.GetProperty("rsvps")[0].GetProperty("activity").GetString());
        Assert.Equal("Heel trots op de Kerkstraat", root.GetProperty("questionnaires")[0].GetProperty("answers").GetProperty("trots").GetString());
        Assert.Equal("Souburgh", root.GetProperty("optIns")[0].GetProperty("buurt").GetString());
        Assert.Contains(root.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == AuditActions.RoleGranted);

        var text = await File.ReadAllTextAsync(readable);
        Assert.Contains("Naam: Anna de Vries", text);
        Assert.Contains("== Meldingen (1) ==", text);
        Assert.Contains(Email, text);
        Assert.Contains("Foto's: foto-1.jpg", text);
        Assert.Contains("- Souburgh, sinds", text);
        Assert.Contains("trots: Heel trots op de Kerkstraat", text);
    }

    [Fact]
    public async Task Mijngegevens_in_a_group_points_to_the_private_chat_and_writes_nothing()
    {
        await using var h = await WithEverythingAsync();
        var turn = await h.GroupAsync(Anna, "/mijngegevens");
        Assert.DoesNotContain(turn.Replies, r => r.DocumentPath is not null);
    }

    [Fact]
    public async Task Vergeetmij_asks_first_and_no_keeps_everything()
    {
        await using var h = await WithEverythingAsync();

        var ask = await h.PrivateAsync(Anna, "/vergeetmij");
        Assert.Equal(PrivacyTexts.AskForget.Nl, ask.Last.Text);
        Assert.Equal(["vergeet:ja", "vergeet:nee"], ask.Last.Choices.SelectMany(r => r).Select(c => c.Data));
        Assert.Equal(ConversationTexts.UseTheButtons.Nl, (await h.PrivateAsync(Anna, "misschien")).Texts[0]);

        Assert.Equal([PrivacyTexts.NotForgotten.Nl], (await h.PrivateAsync(Anna, new ChoiceContent("vergeet:nee"))).Texts);
        Assert.Equal("Anna de Vries", (await h.DbAsync(db => db.Members.SingleAsync(m => m.ChannelUserId == Anna.UserId))).DisplayName);
    }

    [Fact]
    public async Task Vergeetmij_removes_or_pseudonymises_the_member_everywhere_and_meldingen_keep_what_the_municipality_needs()
    {
        await using var h = await WithEverythingAsync();
        var photo = Assert.Single((await h.DbAsync(db => db.Meldingen.SingleAsync())).PhotoPaths);
        var welcome = (await h.PrivateAsync(Anna, "/start")).Rows[0].Id;
        // Delivered, as the dispatcher records it.
        await h.DbAsync(async db =>
        {
            var row = await db.OutboxMessages.SingleAsync(o => o.Id == welcome);
            (row.Status, row.SentAt) = (Messaging.OutboxStatus.Sent, h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        await h.PrivateAsync(Anna, "/vergeetmij");

        var done = await h.PrivateAsync(Anna, new ChoiceContent("vergeet:ja"));

        Assert.Equal([PrivacyTexts.Forgotten.Nl], done.Texts);
        Assert.Contains("www.alblasserdam.nl", done.Texts[0]);
        await h.DbAsync(async db =>
        {
            var member = await db.Members.SingleAsync();
            Assert.Equal("", member.DisplayName);
            Assert.StartsWith("vergeten:", member.ChannelUserId);
            Assert.Null(member.PrivateChatId);
            Assert.NotNull(member.ForgottenAt);

            var melding = await db.Meldingen.SingleAsync();
            Assert.Equal(("Wegen, trottoirs en fietspaden", "Cortgene 7", "Een diepe kuil midden op de weg."), (melding.CategoryName, melding.Address, melding.Description));
            Assert.Equal((null, null, null, ""), (melding.ReporterName, melding.ReporterEmail, melding.MemberId, melding.ChatId));
            Assert.Empty(melding.PhotoPaths);

            Assert.Empty(await db.RoleAssignments.ToListAsync());
            Assert.Empty(await db.EventRsvps.ToListAsync());
            Assert.Empty(await db.Set<QuestionnaireResponse>().ToListAsync());
            Assert.Empty(await db.Set<QuestionnaireAnswer>().ToListAsync());
            Assert.Empty(await db.Set<QuestionnaireParticipation>().ToListAsync());
            Assert.Empty(await db.Set<QuestionnaireOptIn>().ToListAsync());
            Assert.Empty(await db.DialogStates.ToListAsync());
            Assert.All(await db.GroupMemberships.ToListAsync(), m => Assert.NotNull(m.LeftAt));

            var audit = await db.Set<AuditEntry>().ToListAsync();
            Assert.DoesNotContain(audit, a => a.Actor.Contains(Anna.UserId) || a.Subject.Contains("telegram:" + Anna.UserId));
            Assert.Contains(audit, a => a.Action == AuditActions.RoleGranted && a.Subject.StartsWith(member.ChannelUserId + " role:moderator"));
            Assert.Contains(audit, a => a.Action == ForgetMember.AuditAction && a.Subject == member.ChannelUserId);

            // The welcome ("Hoi Anna!") was delivered: its text and the chat are gone; the goodbye still goes out.
            var delivered = await db.OutboxMessages.SingleAsync(o => o.Id == welcome);
            Assert.Equal(("", member.ChannelUserId), (Messaging.Outbox.ReadPayload(delivered).Text, delivered.ChatId));
            Assert.Equal(PrivacyTexts.Forgotten.Nl, Messaging.Outbox.ReadPayload(await db.OutboxMessages.SingleAsync(o => o.Id == done.Rows[0].Id)).Text);
        });
        Assert.False(File.Exists(photo));

        // Writing again makes a new, unknown person.
        Assert.Equal([MemberTexts.Welcome.In("nl", "Anna")], (await h.PrivateAsync(Anna, "/start")).Texts);
        Assert.Equal(2, await h.DbAsync(db => db.Members.CountAsync()));
    }

    [Fact]
    public async Task Privacy_names_the_retention_periods_the_rights_and_the_municipality()
    {
        await using var h = await CoreHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Privacy:Contact"] = "SWA, telefoon 078 000 0000",
        });
        var text = (await h.PrivateAsync(Anna, "/privacy")).Texts[0];
        Assert.Equal(PrivacyTexts.Overview.In("nl", 365, 12, 30, "SWA, telefoon 078 000 0000"), text);
        Assert.Contains("/mijngegevens", text);
        Assert.Contains("/vergeetmij", text);
        Assert.Contains("zonder de plek en de camera", text);
    }
}
