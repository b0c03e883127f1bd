namespace ItStopsHere.Web.Email;

/// <summary>
/// Whether people are waiting on the site right now, so that background email can wait instead.
/// The <see cref="OutboxSender"/> asks before each message: a thank-you that arrives a minute late costs
/// nobody anything, but on a two-core server, composing and sending thousands of emails during a surge
/// takes the processor time that the people pressing "Sign the pledge" are waiting for.
/// </summary>
public interface ISiteLoad
{
    /// <summary>True while requests are queueing for the database (signatures arriving faster than one per commit).</summary>
    bool PeopleWaiting { get; }
}
