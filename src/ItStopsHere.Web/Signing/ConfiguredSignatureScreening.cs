using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

public sealed class ConfiguredSignatureScreening(Microsoft.Extensions.Options.IOptions<PledgeOptions> options) : ISignatureScreening
{
    public SignatureStatus InitialStatus(NewSignature signature) =>
        options.Value.HoldNewSignatures ? SignatureStatus.Held : SignatureStatus.Published;
}
