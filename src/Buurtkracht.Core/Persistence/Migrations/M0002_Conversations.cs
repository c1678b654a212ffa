using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Dialog state, processed updates and the outbox.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000002_Conversations")]
public sealed class M0002_Conversations : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("DialogStates", t => new
        {
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            ChatId = t.Column<string>(maxLength: 256, nullable: false),
            UserId = t.Column<string>(maxLength: 128, nullable: false),
            DialogName = t.Column<string>(maxLength: 64, nullable: false),
            StepId = t.Column<string>(maxLength: 64, nullable: false),
            ValuesJson = t.Column<string>(nullable: false),
            HistoryJson = t.Column<string>(nullable: false),
            ChoicesJson = t.Column<string>(nullable: false),
            StartedAt = t.Column<long>(nullable: false),
            UpdatedAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DialogStates", x => new { x.Channel, x.ChatId, x.UserId }));
        mb.CreateIndex("IX_DialogStates_UpdatedAt", "DialogStates", "UpdatedAt");

        mb.CreateTable("ProcessedUpdates", t => new
        {
            Key = t.Column<string>(maxLength: 200, nullable: false),
            ProcessedAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ProcessedUpdates", x => x.Key));
        mb.CreateIndex("IX_ProcessedUpdates_ProcessedAt", "ProcessedUpdates", "ProcessedAt");

        mb.CreateTable("OutboxMessages", t => new
        {
            Id = t.Column<long>(nullable: false).AutoIncrement(),
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            ChatId = t.Column<string>(maxLength: 256, nullable: false),
            ChatKind = t.Column<string>(maxLength: 16, nullable: false),
            PayloadJson = t.Column<string>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
            NextAttemptAt = t.Column<long>(nullable: false),
            SentAt = t.Column<long>(nullable: true),
            PlatformMessageId = t.Column<string>(maxLength: 128, nullable: true),
            LastError = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OutboxMessages", x => x.Id));
        mb.CreateIndex("IX_OutboxMessages_Status_NextAttemptAt", "OutboxMessages", ["Status", "NextAttemptAt"]);
        mb.CreateIndex("IX_OutboxMessages_Channel_ChatId_Id", "OutboxMessages", ["Channel", "ChatId", "Id"]);
    }
}
