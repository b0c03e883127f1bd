using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ItStopsHere.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignerEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ManageTokenHash",
                table: "Signatures",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RepeatNoticeDay",
                table: "Signatures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RepeatNotices",
                table: "Signatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RepeatNoticesThatDay",
                table: "Signatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ManageTokenHash",
                table: "Signatures",
                column: "ManageTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_ManageTokenHash",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "ManageTokenHash",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "RepeatNoticeDay",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "RepeatNotices",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "RepeatNoticesThatDay",
                table: "Signatures");
        }
    }
}
