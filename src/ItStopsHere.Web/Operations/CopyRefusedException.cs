namespace ItStopsHere.Web.Operations;

/// <summary><c>copy-to</c> will not copy: the message says why and what to do; nothing was written to the target.</summary>
public sealed class CopyRefusedException(string message) : Exception(message);
