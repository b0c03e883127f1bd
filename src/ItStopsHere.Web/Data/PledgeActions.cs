using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ItStopsHere.Web.Data;

/// <summary>The four campaign actions a signer commits to; stored as bit flags.</summary>
[Flags]
public enum PledgeActions
{
    None = 0,
    ReportAndSupport = 1,
    TalkAboutIt = 2,
    ActiveBystander = 4,
    FrontlineTraining = 8,
}
