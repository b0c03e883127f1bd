namespace ItStopsHere.Web.Content;

/// <summary>One way to reach a <see cref="HelpLine"/>: the words shown and the link's address.</summary>
public sealed record HelpLineContact(string Text, string Href, HelpLineContactKind Kind)
{
    public bool IsCall => Kind is HelpLineContactKind.Phone;
}
