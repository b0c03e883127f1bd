using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

public enum SignatoryType
{
    Individual = 1,
    Team = 2,
    Society = 3,
    Department = 4,
}
