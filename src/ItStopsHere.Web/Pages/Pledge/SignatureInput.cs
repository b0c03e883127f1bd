using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Forms;
using ItStopsHere.Web.Signing;
using AffiliationKind = ItStopsHere.Web.Data.Affiliation;
using NameDisplayKind = ItStopsHere.Web.Data.NameDisplay;

namespace ItStopsHere.Web.Pages.Pledge;

/// <summary>
/// What the pledge form posts. Every field is a string, so nothing fails in model binding: the
/// validator is the one place that decides what is acceptable and says so in plain words.
/// </summary>
public sealed class SignatureInput
{
    public static readonly IReadOnlyList<(string Value, SignatoryType Type, string Label)> SigningAsChoices =
    [
        ("individual", SignatoryType.Individual, "An individual"),
        ("team", SignatoryType.Team, "A team"),
        ("society", SignatoryType.Society, "A society"),
        ("department", SignatoryType.Department, "A department"),
    ];

    public static readonly IReadOnlyList<(string Value, AffiliationKind Affiliation, string Label)> AffiliationChoices =
    [
        ("student", AffiliationKind.Student, "Student"),
        ("staff", AffiliationKind.Staff, "Member of staff"),
        ("student-and-staff", AffiliationKind.StudentAndStaff, "Student and member of staff"),
        ("alumni", AffiliationKind.Alumni, "Alumni (a former student)"),
        ("other", AffiliationKind.Other, "Other"),
    ];

    public static readonly IReadOnlyList<(string Value, PledgeActions Action, string Label, string Hint)> ActionChoices =
    [
        ("report-and-support", PledgeActions.ReportAndSupport, "Report and support", "Report harassment, and support people who tell you about it."),
        ("talk-about-it", PledgeActions.TalkAboutIt, "Talk about it", "Talk with friends and colleagues about what harassment is and why it is never okay."),
        ("active-bystander", PledgeActions.ActiveBystander, "Be an active bystander", "Think about your own actions, and step in safely when you see harassment."),
        ("frontline-training", PledgeActions.FrontlineTraining, "Frontline staff training", "Arrange training so your team can support staff and students."),
    ];

    public static readonly IReadOnlyList<(string Value, NameDisplayKind Display, string Label)> NameDisplayChoices =
    [
        ("first-name-and-initial", NameDisplayKind.FirstNameAndInitial, "First name and initial, for example Sam T."),
        ("full-name", NameDisplayKind.FullName, "Full name"),
        ("hidden", NameDisplayKind.Hidden, "Do not show my name: the list says, for example, \"A student\""),
    ];

    /// <summary>The same choices as the form shows them (<c>_RadioGroup</c>, <c>_CheckboxGroup</c>).</summary>
    public static readonly IReadOnlyList<Choice> SigningAsOptions = SigningAsChoices.Select(c => new Choice(c.Value, c.Label)).ToList();

    public static readonly IReadOnlyList<Choice> AffiliationOptions = AffiliationChoices.Select(c => new Choice(c.Value, c.Label)).ToList();

    public static readonly IReadOnlyList<Choice> ActionOptions = ActionChoices.Select(c => new Choice(c.Value, c.Label) { Hint = c.Hint }).ToList();

    public static readonly IReadOnlyList<Choice> NameDisplayOptions = NameDisplayChoices.Select(c => new Choice(c.Value, c.Label)).ToList();

    public string? SigningAs { get; set; }

    public string? Name { get; set; }

    public string? Affiliation { get; set; }

    public string? Detail { get; set; }

    public string? Email { get; set; }

    public List<string>? Actions { get; set; }

    public string? NameDisplay { get; set; } = "first-name-and-initial";

    /// <summary>The honeypot: hidden from people, filled in by many bots.</summary>
    public string? Website { get; set; }

    /// <summary>The signed time the form was served (see <see cref="PledgeFormToken"/>).</summary>
    public string? FormToken { get; set; }

    public SignatoryType? Type => SigningAsChoices.Where(c => c.Value == SigningAs).Select(c => (SignatoryType?)c.Type).FirstOrDefault();

    public bool IsGroup => Type is { } t && t != SignatoryType.Individual;

    /// <summary>Trims and NFC-normalises every text field in place, before validation.</summary>
    public void Normalise()
    {
        SigningAs = PledgeText.Normalise(SigningAs);
        Name = CollapseSpaces(PledgeText.Normalise(Name));
        Affiliation = PledgeText.Normalise(Affiliation);
        Detail = CollapseSpaces(PledgeText.Normalise(Detail));
        Email = PledgeText.Normalise(Email);
        NameDisplay = PledgeText.Normalise(NameDisplay);
        Actions = (Actions ?? []).Select(PledgeText.Normalise).Where(a => a.Length > 0).Distinct().ToList();
        if (IsGroup)
        {
            Affiliation = ""; // affiliation is for individuals; a group's choice is ignored
        }
    }

    /// <summary>What the signer told us, for the signing service (which adds the rest); call only after validation passed.</summary>
    public NewSignature ToNewSignature() => new()
    {
        Type = Type!.Value,
        Name = Name!,
        Affiliation = IsGroup ? null : AffiliationChoices.First(c => c.Value == Affiliation).Affiliation,
        Detail = string.IsNullOrEmpty(Detail) ? null : Detail,
        Email = Email!,
        Actions = Actions!.Aggregate(PledgeActions.None, (all, value) => all | ActionChoices.First(c => c.Value == value).Action),
        NameDisplay = NameDisplayChoices.First(c => c.Value == NameDisplay).Display,
    };

    private static string CollapseSpaces(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
