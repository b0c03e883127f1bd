using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>A signature as anyone may see it: number, name as the signer chose, description, date.</summary>
public sealed record PublicSignature(
    long Number,
    string DisplayName,
    string Description,
    SignatoryType Type,
    DateTimeOffset SignedAt)
{
    public string NumberText => UkFormat.Number(Number);

    public string DateText => UkFormat.ShortDate(SignedAt);

    public string MachineDate => UkFormat.MachineReadable(SignedAt);

    public string TypeKey => SignatureDisplay.TypeKey(Type);
}
