using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Questionnaire versions, sends, participation markers, responses and answers (answers join responses only, never members).</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000007_Questionnaires")]
public sealed class M0007_Questionnaires : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("QuestionnaireVersions", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            Key = t.Column<string>(maxLength: 64, nullable: false),
            Version = t.Column<int>(nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            Yaml = t.Column<string>(nullable: false),
            LoadedAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_QuestionnaireVersions", x => x.Id));
        mb.CreateIndex("IX_QuestionnaireVersions_Key_Version", "QuestionnaireVersions", ["Key", "Version"], unique: true);

        mb.CreateTable("QuestionnaireSends", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            VersionId = t.Column<int>(nullable: false),
            Key = t.Column<string>(maxLength: 64, nullable: false),
            Target = t.Column<string>(maxLength: 16, nullable: false),
            TargetId = t.Column<int>(nullable: true),
            BuurtId = t.Column<int>(nullable: true),
            Anonymous = t.Column<bool>(nullable: false),
            OpensAt = t.Column<long>(nullable: false),
            ClosesAt = t.Column<long>(nullable: false),
            ReminderAt = t.Column<long>(nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            SentAt = t.Column<long>(nullable: true),
            ReminderSentAt = t.Column<long>(nullable: true),
            CreatedAt = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuestionnaireSends", x => x.Id);
            t.ForeignKey("FK_QuestionnaireSends_QuestionnaireVersions_VersionId", x => x.VersionId, "QuestionnaireVersions", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_QuestionnaireSends_Status_OpensAt", "QuestionnaireSends", ["Status", "OpensAt"]);
        mb.CreateIndex("IX_QuestionnaireSends_Target_TargetId", "QuestionnaireSends", ["Target", "TargetId"]);
        mb.CreateIndex("IX_QuestionnaireSends_VersionId", "QuestionnaireSends", "VersionId");

        mb.CreateTable("QuestionnaireParticipations", t => new
        {
            Id = t.Column<long>(nullable: false).AutoIncrement(),
            SendId = t.Column<int>(nullable: false),
            MemberId = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            DraftJson = t.Column<string>(nullable: true),
            InvitedAt = t.Column<long>(nullable: true),
            CompletedAt = t.Column<long>(nullable: true),
            RemindedAt = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuestionnaireParticipations", x => x.Id);
            t.ForeignKey("FK_QuestionnaireParticipations_QuestionnaireSends_SendId", x => x.SendId, "QuestionnaireSends", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_QuestionnaireParticipations_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_QuestionnaireParticipations_SendId_MemberId", "QuestionnaireParticipations", ["SendId", "MemberId"], unique: true);
        mb.CreateIndex("IX_QuestionnaireParticipations_MemberId", "QuestionnaireParticipations", "MemberId");

        mb.CreateTable("QuestionnaireResponses", t => new
        {
            Id = t.Column<string>(maxLength: 32, nullable: false),
            SendId = t.Column<int>(nullable: false),
            VersionId = t.Column<int>(nullable: false),
            Key = t.Column<string>(maxLength: 64, nullable: false),
            MemberId = t.Column<int>(nullable: true),
            EventOccurrenceId = t.Column<int>(nullable: true),
            BuurtId = t.Column<int>(nullable: true),
            GroupId = t.Column<int>(nullable: true),
            SubmittedOn = t.Column<DateOnly>(nullable: false),
            Flagged = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuestionnaireResponses", x => x.Id);
            t.ForeignKey("FK_QuestionnaireResponses_QuestionnaireVersions_VersionId", x => x.VersionId, "QuestionnaireVersions", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_QuestionnaireResponses_Key_SubmittedOn", "QuestionnaireResponses", ["Key", "SubmittedOn"]);
        mb.CreateIndex("IX_QuestionnaireResponses_SendId", "QuestionnaireResponses", "SendId");
        mb.CreateIndex("IX_QuestionnaireResponses_VersionId", "QuestionnaireResponses", "VersionId");

        mb.CreateTable("QuestionnaireAnswers", t => new
        {
            Id = t.Column<long>(nullable: false).AutoIncrement(),
            ResponseId = t.Column<string>(maxLength: 32, nullable: false),
            QuestionId = t.Column<string>(maxLength: 64, nullable: false),
            Value = t.Column<string>(nullable: true),
            Number = t.Column<double>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuestionnaireAnswers", x => x.Id);
            t.ForeignKey("FK_QuestionnaireAnswers_QuestionnaireResponses_ResponseId", x => x.ResponseId, "QuestionnaireResponses", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_QuestionnaireAnswers_ResponseId", "QuestionnaireAnswers", "ResponseId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("QuestionnaireAnswers");
        mb.DropTable("QuestionnaireResponses");
        mb.DropTable("QuestionnaireParticipations");
        mb.DropTable("QuestionnaireSends");
        mb.DropTable("QuestionnaireVersions");
    }
}
