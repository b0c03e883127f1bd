using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

public enum NameDisplay
{
    FirstNameAndInitial = 1,
    FullName = 2,
    Hidden = 3,
}
