using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// What a signer can do with their personal link, as work for <see cref="SignatureWriter.RunAsync{T}"/>,
/// so the count, numbering and live feeds change in the same transaction as the data.
/// </summary>
public static class SignerChanges
{
    public static SignerSignature? Find(SignatureTransaction tx, string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tx);
        using var select = tx.Command($"""
            SELECT {SignatureColumns.FactsSql}, "Id", "Email" FROM "Signatures" WHERE "ManageTokenHash" = @hash
            """);
        select.With("hash", tokenHash);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new SignerSignature(
            SignatureColumns.Int64(reader, nameof(Signature.Id))!.Value,
            SignatureColumns.ReadStatus(reader),
            SignatureColumns.ReadNumber(reader),
            SignatureColumns.Text(reader, nameof(Signature.Email)),
            SignatureColumns.ReadFacts(reader));
    }

    /// <summary>Changes how the name appears. Returns false when the link matches no signature.</summary>
    public static bool ChangeNameDisplay(SignatureTransaction tx, string tokenHash, NameDisplay display)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return Find(tx, tokenHash) is { } signature && tx.SetNameDisplay(signature.Id, display);
    }

    /// <summary>
    /// Withdraws: deletes the signature with all its personal data and every email about it. Returns the
    /// deleted signature's id, or null when the link matches no signature.
    /// </summary>
    public static long? Withdraw(SignatureTransaction tx, string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (Find(tx, tokenHash) is not { } signature)
        {
            return null;
        }

        EraseWithEmails(tx, signature.Id);
        return signature.Id;
    }

    /// <summary>Deletes a signature and every outbox message about it; false when there is no such signature.</summary>
    public static bool EraseWithEmails(SignatureTransaction tx, long signatureId)
    {
        ArgumentNullException.ThrowIfNull(tx);
        using (var emails = tx.Command("""DELETE FROM "OutboxMessages" WHERE "Reference" = @reference"""))
        {
            emails.With("reference", SignerEmails.Reference(signatureId));
            emails.ExecuteNonQuery();
        }

        return tx.Erase(signatureId);
    }
}
