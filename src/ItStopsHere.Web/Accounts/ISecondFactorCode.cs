namespace ItStopsHere.Web.Accounts;

/// <summary>What the second sign-in step's form holds: a code, as typed and as Identity checks it.</summary>
public interface ISecondFactorCode
{
    string Code { get; set; }

    /// <summary>The code without what people add when they copy it (spaces, dashes, lower case).</summary>
    string Normalised { get; }
}
