namespace ItStopsHere.Web.Signing;

/// <summary>
/// Work that must commit with a signing, in the same transaction (e.g. the thank-you email in the
/// outbox). Called by <see cref="SignatureWriter"/> on its own thread for each signing in a batch; if
/// it throws, the batch is retried one signing per transaction and only that signing fails.
/// </summary>
public interface ISigningFollowUp
{
    /// <summary>A new signature was inserted in <paramref name="tx"/>.</summary>
    void Added(SignatureTransaction tx, NewSignature signature, SignOutcome outcome);

    /// <summary>The address had already signed; nothing about the signature changed.</summary>
    void Repeated(SignatureTransaction tx, NewSignature signature);

    /// <summary>The transaction holding the calls above has committed.</summary>
    void Committed();
}
