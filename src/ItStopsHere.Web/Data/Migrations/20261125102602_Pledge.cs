using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ItStopsHere.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Pledge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PledgeState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    ProtectedClientHashKey = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Signatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SignatoryType = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Affiliation = table.Column<int>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Actions = table.Column<int>(type: "INTEGER", nullable: false),
                    NameDisplay = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Signatures", x => x.Id);
                    table.CheckConstraint("CK_Signatures_DetailLength", "\"Detail\" IS NULL OR length(\"Detail\") <= 60");
                    table.CheckConstraint("CK_Signatures_EmailLength", "\"Email\" IS NULL OR length(\"Email\") <= 254");
                    table.CheckConstraint("CK_Signatures_NameLength", "length(\"Name\") BETWEEN 1 AND 80");
                    table.CheckConstraint("CK_Signatures_PublishedHasNumber", "\"Status\" <> 1 OR \"Number\" IS NOT NULL");
                });

            migrationBuilder.InsertData(
                table: "PledgeState",
                columns: new[] { "Id", "LastNumber", "ProtectedClientHashKey" },
                values: new object[] { 1, 0L, null });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_NormalizedEmail",
                table: "Signatures",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_Number",
                table: "Signatures",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_SignatoryType_Status_Number",
                table: "Signatures",
                columns: new[] { "SignatoryType", "Status", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_SignedAt",
                table: "Signatures",
                column: "SignedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_Status_Number",
                table: "Signatures",
                columns: new[] { "Status", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PledgeState");

            migrationBuilder.DropTable(
                name: "Signatures");
        }
    }
}
