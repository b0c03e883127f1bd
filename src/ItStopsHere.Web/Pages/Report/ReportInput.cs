using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>The report form. Everything here is encrypted before it is stored (<see cref="ReportAnswers"/>).</summary>
public sealed class ReportInput
{
    public const int StoryMaxLength = 10_000;
    public const int OtherMaxLength = 500;
    public const int WhoMaxLength = 1_000;
    public const int NameMaxLength = 200;
    public const int PhoneMaxLength = 30;

    public string? SafeNow { get; set; }

    public List<string> Categories { get; set; } = [];

    public string? OtherCategory { get; set; }

    public string? When { get; set; }

    public string? Date { get; set; }

    public string? Place { get; set; }

    public List<string> Relationships { get; set; } = [];

    public string? WhoDetails { get; set; }

    public string? Story { get; set; }

    public List<string> Wishes { get; set; } = [];

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? PreferredContact { get; set; }

    /// <summary>Set by the page from the route, not bound from the form.</summary>
    public bool Named { get; set; }

    public ReportAnswers ToAnswers() => new()
    {
        SafeNow = SafeNow ?? "",
        Categories = Categories.Distinct().ToList(),
        OtherCategory = Categories.Contains("other") ? Clean(OtherCategory) : null,
        When = When ?? "",
        Date = When == "date" ? Clean(Date) : null,
        Place = Place ?? "",
        Relationships = Relationships.Distinct().ToList(),
        WhoDetails = Clean(WhoDetails),
        Story = Clean(Story),
        Wishes = Wishes.Distinct().ToList(),
        Name = Named ? Clean(Name) : null,
        Email = Named ? Clean(Email) : null,
        Phone = Named ? Clean(Phone) : null,
        PreferredContact = Named ? PreferredContact : null,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
