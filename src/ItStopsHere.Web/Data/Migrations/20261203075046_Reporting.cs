using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ItStopsHere.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportingSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    KekId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Wrapped = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportingSecrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Route = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Categories = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Payload = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AccessCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContactTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AdviserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AwaitingReply = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstReplyAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportKeys",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KekId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Wrapped = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportKeys", x => x.ReportId);
                    table.ForeignKey(
                        name: "FK_ReportKeys_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportMessages_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { "c41d7e2a-93b5-4f61-8a0e-5b2c9d4f7e31", "0d6b2f8e-5a4c-4e19-b7d3-9c1e2a5f8b41", "CaseManager", "CASEMANAGER" },
                    { "e7a9c5b3-1f2d-4a8e-9b6c-3d5f7a1c9e52", "6f1a3c9d-8b2e-4d57-a0c4-2e9b7d1f5a63", "Adviser", "ADVISER" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportMessages_ReportId_CreatedAt",
                table: "ReportMessages",
                columns: new[] { "ReportId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_AccessCodeHash",
                table: "Reports",
                column: "AccessCodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_AdviserId",
                table: "Reports",
                column: "AdviserId");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ContactTokenHash",
                table: "Reports",
                column: "ContactTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_State_CreatedAt",
                table: "Reports",
                columns: new[] { "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportingSecrets");

            migrationBuilder.DropTable(
                name: "ReportKeys");

            migrationBuilder.DropTable(
                name: "ReportMessages");

            migrationBuilder.DropTable(
                name: "Reports");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "c41d7e2a-93b5-4f61-8a0e-5b2c9d4f7e31");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "e7a9c5b3-1f2d-4a8e-9b6c-3d5f7a1c9e52");
        }
    }
}
