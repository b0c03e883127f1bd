namespace ItStopsHere.Web.Signing;

/// <summary>
/// A multi-row insert met a stored address its pre-check had not seen (<see cref="SignatureTransaction.InsertAll"/>):
/// its numbers would leave a gap, so the batch is rolled back and retried one item per transaction.
/// </summary>
public sealed class SignatureConflictException : Exception
{
    public SignatureConflictException()
        : base("A signature in the batch met an address already stored; the batch is retried one signing at a time.")
    {
    }

    public SignatureConflictException(string message)
        : base(message)
    {
    }

    public SignatureConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SignatureConflictException(int conflicts)
        : this($"{conflicts} signature(s) in the batch met an address already stored; the batch is retried one signing at a time.")
    {
    }
}
