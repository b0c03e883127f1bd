namespace ItStopsHere.Web.Content;

public enum HelpLineContactKind
{
    Phone,
    Text,
    Web,
    Email,
}
