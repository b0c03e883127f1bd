using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>What the thank-you page shows, carried in its address signed (so it cannot be made up) and short-lived.</summary>
/// <param name="AwaitingConfirmation">Double opt-in: the signer must follow the link in their email first.</param>
public sealed record SignatureReceipt(long? Number, bool IsHeld, Data.PledgeActions Actions, bool AwaitingConfirmation = false);
