using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ItStopsHere.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PageListsAndPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EffectiveOn",
                table: "ContentVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Items",
                table: "ContentVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastReviewedOn",
                table: "ContentVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReviewDueOn",
                table: "ContentVersions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EffectiveOn",
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
