using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ItStopsHere.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FactsListsPoliciesAndReportStatisticsPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EffectiveOn",
                table: "ContentVersions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Facts",
                table: "ContentVersions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Items",
                table: "ContentVersions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastReviewedOn",
                table: "ContentVersions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReviewDueOn",
                table: "ContentVersions",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RetainedReportFacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Route = table.Column<int>(type: "integer", nullable: false),
                    Categories = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    FirstReplyMinutes = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetainedReportFacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetainedReportFacts_Month",
                table: "RetainedReportFacts",
                column: "Month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetainedReportFacts");

            migrationBuilder.DropColumn(
                name: "EffectiveOn",
                table: "ContentVersions");

            migrationBuilder.DropColumn(
                name: "Facts",
                table: "ContentVersions");

            migrationBuilder.DropColumn(
                name: "Items",
                table: "ContentVersions");

            migrationBuilder.DropColumn(
                name: "LastReviewedOn",
                table: "ContentVersions");

            migrationBuilder.DropColumn(
                name: "NextReviewDueOn",
                table: "ContentVersions");
        }
    }
}
