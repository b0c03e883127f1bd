using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

public enum FormTokenCheck
{
    Valid,

    /// <summary>Sent sooner than a person could have filled in the form.</summary>
    TooFast,

    /// <summary>Missing, tampered with, or older than the form's lifetime.</summary>
    ExpiredOrInvalid,
}
