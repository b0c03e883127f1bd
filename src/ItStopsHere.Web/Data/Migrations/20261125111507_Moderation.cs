using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ItStopsHere.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OfflinePledges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    CollectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfflinePledges", x => x.Id);
                    table.CheckConstraint("CK_OfflinePledges_Count", "\"Count\" BETWEEN 1 AND 100000");
                });

            migrationBuilder.CreateTable(
                name: "PledgeSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeSettings", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_SignatoryType_Id",
                table: "Signatures",
                columns: new[] { "SignatoryType", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_SignedAt_ClientHash",
                table: "Signatures",
                columns: new[] { "SignedAt", "ClientHash" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_Status_Id",
                table: "Signatures",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OfflinePledges_CollectedOn",
                table: "OfflinePledges",
                column: "CollectedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfflinePledges");

            migrationBuilder.DropTable(
                name: "PledgeSettings");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_SignatoryType_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_SignedAt_ClientHash",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_Status_Id",
                table: "Signatures");
        }
    }
}
