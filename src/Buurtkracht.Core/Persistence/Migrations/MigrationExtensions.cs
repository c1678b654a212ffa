using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Buurtkracht.Core.Persistence.Migrations;

internal static class MigrationExtensions
{
    /// <summary>An identity column on either provider; each ignores the other's annotation.</summary>
    public static OperationBuilder<AddColumnOperation> AutoIncrement(this OperationBuilder<AddColumnOperation> column) =>
        column
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
