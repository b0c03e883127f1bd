using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

/// <summary>A personal link's secret and the hash that is stored for it (see <see cref="ManageToken"/>).</summary>
public sealed record PersonalLink(string Token, string Hash)
{
    public static PersonalLink Create()
    {
        var (token, hash) = ManageToken.Create();
        return new PersonalLink(token, hash);
    }

    // The token is a secret: keep it out of anything that prints the record.
    public override string ToString() => nameof(PersonalLink);
}
