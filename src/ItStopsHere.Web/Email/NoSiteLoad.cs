namespace ItStopsHere.Web.Email;

/// <summary>For a site with nothing that queues: email never waits.</summary>
public sealed class NoSiteLoad : ISiteLoad
{
    public bool PeopleWaiting => false;
}
