namespace ItStopsHere.Web.Email;

/// <summary>A composed email: its subject, a plain-text body and the same content as simple HTML.</summary>
public sealed record EmailContent(string Subject, string Text, string Html);
