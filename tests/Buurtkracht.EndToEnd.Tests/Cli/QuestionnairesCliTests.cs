using Buurtkracht.Core.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

public sealed class QuestionnairesCliTests
{
    [Fact]
    public async Task Flagged_lists_who_asked_for_support_and_send_refuses_an_unknown_questionnaire()
    {
        var bed = new CliTestBed();
        var seeded = await bed.SeedAsync();
        await using (var db = await bed.OpenDbAsync())
        {
            var anna = await db.Members.SingleAsync(m => m.ChannelUserId == "1001");
            var bram = await db.Members.SingleAsync(m => m.ChannelUserId == "1002");
            var version = new QuestionnaireVersion { Key = "beheerder-checkin", Version = 1, Hash = "x", Yaml = "key: beheerder-checkin" };
            db.Add(version);
            await db.SaveChangesAsync();
            var send = new QuestionnaireSend
            {
                VersionId = version.Id, Key = "beheerder-checkin", Target = QuestionnaireTarget.Moderators, Status = SendStatus.Sent,
                OpensAt = DateTimeOffset.UnixEpoch, ClosesAt = DateTimeOffset.UnixEpoch.AddDays(1),
            };
            db.Add(send);
            await db.SaveChangesAsync();
            db.Add(new QuestionnaireResponse { Id = "r1", SendId = send.Id, VersionId = version.Id, Key = "beheerder-checkin", MemberId = anna.Id, GroupId = seeded.DamOost, SubmittedOn = new DateOnly(2027, 3, 1), Flagged = true });
            db.Add(new QuestionnaireResponse { Id = "r2", SendId = send.Id, VersionId = version.Id, Key = "beheerder-checkin", MemberId = bram.Id, SubmittedOn = new DateOnly(2027, 3, 2) });
            // A check-in goes to the moderators, not to a group: its group is the one the moderator looks after.
            var mo = new Core.Members.Member { Channel = Core.Messaging.ChannelKind.Telegram, ChannelUserId = "1777", DisplayName = "Mo Moderator", CreatedAt = DateTimeOffset.UnixEpoch };
            db.Add(mo);
            db.Add(new Core.Members.RoleAssignment { Member = mo, Role = Core.Members.Role.Moderator, GroupId = seeded.DamOost, GrantedAt = DateTimeOffset.UnixEpoch, GrantedBy = "test" });
            await db.SaveChangesAsync();
            db.Add(new QuestionnaireResponse { Id = "r3", SendId = send.Id, VersionId = version.Id, Key = "beheerder-checkin", MemberId = mo.Id, SubmittedOn = new DateOnly(2027, 3, 3), Flagged = true });
            await db.SaveChangesAsync();
        }

        var flagged = await bed.RunAsync("questionnaires", "flagged", "beheerder-checkin");
        Assert.Equal(0, flagged.ExitCode);
        Assert.Contains("Anna de Vries", flagged.Stdout);
        Assert.Contains("2027-03-01", flagged.Stdout);
        Assert.DoesNotContain("Bram", flagged.Stdout);
        Assert.Matches(@"(?m)^.*Anna de Vries.*Dam-Oost.*$", flagged.Stdout);
        Assert.Matches(@"(?m)^.*Mo Moderator.*Dam-Oost.*$", flagged.Stdout);

        var unknown = await bed.RunAsync("questionnaires", "send", "bestaat-niet", "--group", seeded.DamOost.ToString());
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("No questionnaire 'bestaat-niet'", unknown.Stderr);
    }

    [Fact]
    public async Task Send_to_a_buurts_opted_in_residents_takes_the_buurt_by_name_or_id_and_refuses_an_unknown_one()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        int souburgh;
        await using (var db = await bed.OpenDbAsync()) souburgh = await db.Buurten.Where(b => b.Name == "Souburgh").Select(b => b.Id).SingleAsync();

        var byName = await bed.RunAsync("questionnaires", "send", "buurtpeiling", "--opted-in", "souburgh");
        Assert.True(byName.ExitCode == 0, byName.ToString());
        Assert.StartsWith("Send 1 planned", byName.Stdout);
        var byId = await bed.RunAsync("questionnaires", "send", "buurtpeiling", "--opted-in", souburgh.ToString());
        Assert.True(byId.ExitCode == 0, byId.ToString());
        await using (var db = await bed.OpenDbAsync())
        {
            var sends = await db.Set<QuestionnaireSend>().OrderBy(s => s.Id).ToListAsync();
            Assert.All(sends, s => Assert.Equal((QuestionnaireTarget.BuurtOptIn, (int?)souburgh, (int?)souburgh), (s.Target, s.TargetId, s.BuurtId)));
            Assert.Equal(2, sends.Count);
        }

        var unknown = await bed.RunAsync("questionnaires", "send", "buurtpeiling", "--opted-in", "Atlantis");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("No buurt named 'Atlantis'", unknown.Stderr);
        var unknownId = await bed.RunAsync("questionnaires", "send", "buurtpeiling", "--opted-in", "999");
        Assert.NotEqual(0, unknownId.ExitCode);
        Assert.Contains("No buurt 999", unknownId.Stderr);
        var two = await bed.RunAsync("questionnaires", "send", "buurtpeiling", "--opted-in", "Souburgh", "--moderators");
        Assert.NotEqual(0, two.ExitCode);
        Assert.Contains("Give exactly one of --group, --event, --moderators, --opted-in.", two.Stderr);
    }
}
