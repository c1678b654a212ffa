using Buurtkracht.Core.Meldingen;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Meldingen, their forwarding per sink, the categories (seeded here, once) and the per-group notice setting.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000003_Meldingen")]
public sealed class M0003_Meldingen : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("MeldingCategories", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            Code = t.Column<string>(maxLength: 64, nullable: false),
            Theme = t.Column<string>(maxLength: 16, nullable: false),
            NameNl = t.Column<string>(maxLength: 128, nullable: false),
            NameEn = t.Column<string>(maxLength: 128, nullable: false),
            SortOrder = t.Column<int>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_MeldingCategories", x => x.Id));
        mb.CreateIndex("IX_MeldingCategories_Code", "MeldingCategories", "Code", unique: true);

        mb.CreateTable("Meldingen", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            Reference = t.Column<string>(maxLength: 32, nullable: false),
            Year = t.Column<int>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            Theme = t.Column<string>(maxLength: 16, nullable: false),
            CategoryId = t.Column<int>(nullable: false),
            CategoryName = t.Column<string>(maxLength: 128, nullable: false),
            Latitude = t.Column<double>(nullable: true),
            Longitude = t.Column<double>(nullable: true),
            Address = t.Column<string>(maxLength: 256, nullable: true),
            Street = t.Column<string>(maxLength: 128, nullable: true),
            Description = t.Column<string>(maxLength: 1000, nullable: false),
            PhotoPaths = t.Column<string>(nullable: false),
            Anonymous = t.Column<bool>(nullable: false),
            ReporterName = t.Column<string>(maxLength: 128, nullable: true),
            ReporterEmail = t.Column<string>(maxLength: 256, nullable: true),
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            ChatId = t.Column<string>(maxLength: 256, nullable: false),
            MemberId = t.Column<int>(nullable: true),
            Language = t.Column<string>(maxLength: 8, nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
            UpdatedAt = t.Column<long>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            StatusNotes = t.Column<string>(maxLength: 2000, nullable: true),
            PersonalDataRemovedAt = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Meldingen", x => x.Id);
            t.ForeignKey("FK_Meldingen_MeldingCategories_CategoryId", x => x.CategoryId, "MeldingCategories", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Meldingen_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_Meldingen_Reference", "Meldingen", "Reference", unique: true);
        mb.CreateIndex("IX_Meldingen_Year_Sequence", "Meldingen", ["Year", "Sequence"], unique: true);
        mb.CreateIndex("IX_Meldingen_CreatedAt", "Meldingen", "CreatedAt");
        mb.CreateIndex("IX_Meldingen_MemberId", "Meldingen", "MemberId");
        mb.CreateIndex("IX_Meldingen_CategoryId", "Meldingen", "CategoryId");

        mb.CreateTable("MeldingForwards", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            MeldingId = t.Column<int>(nullable: false),
            Sink = t.Column<string>(maxLength: 32, nullable: false),
            State = t.Column<string>(maxLength: 16, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptAt = t.Column<long>(nullable: false),
            ForwardedAt = t.Column<long>(nullable: true),
            LastError = t.Column<string>(maxLength: 500, nullable: true),
            ExternalId = t.Column<string>(maxLength: 128, nullable: true),
            ExternalToken = t.Column<string>(maxLength: 128, nullable: true),
            RemoteStatus = t.Column<string>(maxLength: 32, nullable: true),
            RemoteStatusNotes = t.Column<string>(maxLength: 2000, nullable: true),
            LastPolledAt = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeldingForwards", x => x.Id);
            t.ForeignKey("FK_MeldingForwards_Meldingen_MeldingId", x => x.MeldingId, "Meldingen", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_MeldingForwards_MeldingId_Sink", "MeldingForwards", ["MeldingId", "Sink"], unique: true);
        mb.CreateIndex("IX_MeldingForwards_State_NextAttemptAt", "MeldingForwards", ["State", "NextAttemptAt"]);

        mb.CreateTable("MeldingGroupSettings", t => new
        {
            GroupId = t.Column<int>(nullable: false),
            NoticeEnabled = t.Column<bool>(nullable: false),
            UpdatedAt = t.Column<long>(nullable: false),
            UpdatedBy = t.Column<string>(maxLength: 128, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeldingGroupSettings", x => x.GroupId);
            t.ForeignKey("FK_MeldingGroupSettings_StreetGroups_GroupId", x => x.GroupId, "StreetGroups", "Id", onDelete: ReferentialAction.Cascade);
        });

        // Seeded here, once: later edits to the table are never overwritten.
        var rows = MeldingCategorySeed.Rows;
        var values = new object[rows.Count, 6];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i, 0] = rows[i].Code;
            values[i, 1] = rows[i].Theme.ToString();
            values[i, 2] = rows[i].NameNl;
            values[i, 3] = rows[i].NameEn;
            values[i, 4] = i + 1;
            values[i, 5] = true;
        }
        // Hand-written migrations have no target model, so the column types are spelled out per provider.
        var postgres = mb.ActiveProvider?.Contains("Npgsql", StringComparison.Ordinal) == true;
        string[] types = postgres
            ? ["character varying(64)", "character varying(16)", "character varying(128)", "character varying(128)", "integer", "boolean"]
            : ["TEXT", "TEXT", "TEXT", "TEXT", "INTEGER", "INTEGER"];
        mb.InsertData("MeldingCategories", ["Code", "Theme", "NameNl", "NameEn", "SortOrder", "IsActive"], types, values);
    }
}
