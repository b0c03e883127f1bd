using System.Reflection;
using ItStopsHere.Web.Email;
using Xunit.Sdk;

[assembly: ItStopsHere.Tests.Support.NoEmailAddressInLogs]

namespace ItStopsHere.Tests.Support;

/// <summary>
/// Applied to the whole test assembly: after every test, fails it if any app started by the tests has
/// logged a line that looks like an email address since the previous test ended. With test classes
/// running in parallel the failing test may belong to a neighbouring class; either way the run fails,
/// and the message shows the line (with the address hidden).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoEmailAddressInLogsAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest)
    {
        var leaks = CapturedLogs.TakeLeaks();
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException(
                $"{leaks.Count} log line(s) contain an email address; the first: {EmailAddresses.Redact(leaks[0])}");
        }
    }
}
