using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

public enum Affiliation
{
    Student = 1,
    Staff = 2,
    StudentAndStaff = 3,
    Alumni = 4,
    Other = 5,
}
