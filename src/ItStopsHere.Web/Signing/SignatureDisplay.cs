using System.Globalization;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Web.Signing;

/// <summary>How signatures are written out in public, in one place for pages, the live feed and tests.</summary>
public static class SignatureDisplay
{
    public static PublicSignature ToPublic(SignatureFacts s)
    {
        if (s.NameDisplay == NameDisplay.Hidden)
        {
            // Nothing that could identify the signer: not even the free-text detail.
            return new PublicSignature(s.Number, AnonymousName(s.Type, s.Affiliation), "", s.Type, s.SignedAt);
        }

        var name = s.Type == SignatoryType.Individual && s.NameDisplay == NameDisplay.FirstNameAndInitial
            ? FirstNameAndInitial(s.Name)
            : s.Name;
        var label = s.Type == SignatoryType.Individual
            ? (s.Affiliation is { } affiliation ? AffiliationLabel(affiliation) : "")
            : TypeLabel(s.Type);
        var description = string.IsNullOrEmpty(s.Detail)
            ? label
            : string.IsNullOrEmpty(label) ? s.Detail : $"{label}, {s.Detail}";
        return new PublicSignature(s.Number, name, description, s.Type, s.SignedAt);
    }

    /// <summary>"Madeline Trachta" → "Madeline T."; a single word is shown as it is.</summary>
    public static string FirstNameAndInitial(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return fullName;
        }

        var initial = StringInfo.GetNextTextElement(words[^1]);
        return $"{words[0]} {initial.ToUpper(CultureInfo.InvariantCulture)}.";
    }

    public static string AnonymousName(SignatoryType type, Affiliation? affiliation) => type switch
    {
        SignatoryType.Team => "A team",
        SignatoryType.Society => "A society",
        SignatoryType.Department => "A department",
        _ => affiliation switch
        {
            Affiliation.Student => "A student",
            Affiliation.Staff => "A member of staff",
            Affiliation.StudentAndStaff => "A student and member of staff",
            Affiliation.Alumni => "A graduate",
            _ => "A supporter",
        },
    };

    public static string AffiliationLabel(Affiliation affiliation) => affiliation switch
    {
        Affiliation.Student => "Student",
        Affiliation.Staff => "Staff",
        Affiliation.StudentAndStaff => "Student and staff",
        Affiliation.Alumni => "Alumni",
        _ => "Other",
    };

    public static string TypeLabel(SignatoryType type) => type switch
    {
        SignatoryType.Team => "Team",
        SignatoryType.Society => "Society",
        SignatoryType.Department => "Department",
        _ => "Individual",
    };

    public static string TypeKey(SignatoryType type) => type switch
    {
        SignatoryType.Team => "team",
        SignatoryType.Society => "society",
        SignatoryType.Department => "department",
        _ => "individual",
    };

    public static SignatoryType? ParseTypeKey(string? key) => key switch
    {
        "individual" => SignatoryType.Individual,
        "team" => SignatoryType.Team,
        "society" => SignatoryType.Society,
        "department" => SignatoryType.Department,
        _ => null,
    };

    public static IReadOnlyList<(PledgeActions Action, string Key, string Label)> Actions { get; } =
    [
        (PledgeActions.ReportAndSupport, "reportAndSupport", "Report and support"),
        (PledgeActions.TalkAboutIt, "talkAboutIt", "Talk about it"),
        (PledgeActions.ActiveBystander, "activeBystander", "Be an active bystander"),
        (PledgeActions.FrontlineTraining, "frontlineTraining", "Frontline staff training"),
    ];
}
