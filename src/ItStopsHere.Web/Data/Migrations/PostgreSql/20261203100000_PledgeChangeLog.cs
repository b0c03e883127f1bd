using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ItStopsHere.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// PostgreSQL only, and outside the EF model (no entity, so the model and SQLite are unchanged): the
    /// pledge change log and its triggers that carry the live count across instances (<see cref="Signing.PledgeChangeLog"/>).
    /// </summary>
    [DbContext(typeof(PostgreSqlAppDbContext))]
    [Migration("20261203100000_PledgeChangeLog")]
    public partial class PledgeChangeLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Signing.PledgeChangeLog.PostgreSqlCreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Signing.PledgeChangeLog.PostgreSqlDropSql);
        }
    }
}
