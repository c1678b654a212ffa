using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Groups;

/// <summary>
/// How many messages members posted in one street group on one local (Europe/Amsterdam) day. Only the number is kept:
/// no text, no sender, so the digest can show how lively a group is without storing what was said or by whom.
/// </summary>
public sealed class GroupMessageCount
{
    public int GroupId { get; set; }
    public DateOnly Day { get; set; }
    public int Messages { get; set; }
}

/// <summary>Counts the messages posted in street groups, one upsert per message on the turn's own transaction.</summary>
public static class GroupMessageCounter
{
    /// <summary>
    /// Everything a member posts in a group counts: text, commands, photos, locations and the kinds the bot cannot use
    /// (stickers, voice notes, ...). Button presses are not messages, and joins, leaves and the bot's own arrival are
    /// service events, not posts.
    /// </summary>
    public static bool Counts(InboundMessage message) =>
        message.ChatKind == ChatKind.Group && !message.From.IsBot
        && message.Content is TextContent or CommandContent or PhotoContent or LocationContent or UnsupportedContent;

    /// <summary>
    /// Adds one to the group's count for the local day of <paramref name="at"/>. A single statement that works on
    /// SQLite and PostgreSQL alike, so the hot path of a busy group pays one round trip and never reads the row first.
    /// </summary>
    public static Task CountAsync(BuurtkrachtDb db, int groupId, DateTimeOffset at, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(Scheduling.Amsterdam.ToLocal(at));
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "GroupMessageCounts" ("GroupId", "Day", "Messages") VALUES ({groupId}, {day}, 1)
            ON CONFLICT ("GroupId", "Day") DO UPDATE SET "Messages" = "GroupMessageCounts"."Messages" + 1
            """, ct);
    }
}

internal sealed class GroupMessageCountConfiguration : IEntityTypeConfiguration<GroupMessageCount>
{
    public void Configure(EntityTypeBuilder<GroupMessageCount> count)
    {
        count.ToTable("GroupMessageCounts");
        // The key is also the upsert's conflict target and serves the digest's per-group range reads.
        count.HasKey(c => new { c.GroupId, c.Day });
        count.HasOne<StreetGroup>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
