using System.Text.Json;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>What a member of staff gets when sign-in to their account is paused after failed attempts.</summary>
/// <param name="Failures">Failed attempts in a row that led to the pause.</param>
/// <param name="Until">When signing in works again without an Admin.</param>
/// <param name="WholeAccount">
/// True: the whole account is locked (attempts came from many places). False: only the connection the
/// attempts came from is paused, and the owner can still sign in from their own.
/// </param>
public sealed record StaffSignInPausedEmail(int Failures, DateTimeOffset Until, bool WholeAccount);
