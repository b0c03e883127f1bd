using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages;

/// <summary>The campaign's supporters and their words, as the original site listed them.</summary>
public class SupportersModel : PageModel
{
    public sealed record Quote(string Text, string Name, string Role, string Initials);

    public sealed record Supporter(string Name, string? Role = null);

    public static IReadOnlyList<Quote> Quotes { get; } =
    [
        new("King's College is committed to providing a safe, inclusive and supportive environment for all of its staff and students. " +
            "We aspire to be a community in which everybody feels acknowledged and respected for who they are, and can feel confident " +
            "that harassment, discrimination and bullying, wherever these occur, will not be tolerated. We all undertake not to stand by " +
            "if we see others engaging in sexual harassment and to be proactive in promoting a respectful culture. We will work together " +
            "with the Students' Union to make this aspiration an everyday reality.",
            "Professor Edward Byrne AC", "President & Principal of King's College London", "EB"),
        new("It Stops Here is such an important student-led campaign. Sexual harassment, which is spurred on a lot of the time by toxic " +
            "lad culture, has no place on our campuses. With a majority of our students being women, it is important that we set up " +
            "efficient mechanisms of reporting sexual harassment but also stamp it out at its roots by educating students. Next year, " +
            "I, along with the other student officers, am keen to help the women's association wherever necessary to make sure this " +
            "campaign moves from strength to strength.",
            "Nadine Almanasfi", "KCLSU President", "NA"),
        new("During my second year at university, I was elected as Women's Officer on the KCLSU Student Council. Common themes began to " +
            "emerge from the many experiences that were reported to me. Students feared encountering their harassers on campus and felt " +
            "no confidence in reporting their experiences through official channels. We need to be explicit in stating that sexual " +
            "harassment on campus is not a minor issue. As a community, we must take positive steps towards crafting a culture of respect " +
            "and solidarity on campus. We cannot be apathetic to the experiences of those who experience harassment during their time at " +
            "King's. We cannot be ignorant of the role we may play in allowing or perpetuating a hostile environment on campus.",
            "Rachel Williams", "KCLSU Vice President, Welfare and Community", "RW"),
        new("University should be one of the most exhilarating and enjoyable periods of a person's life, yet for too many the experience " +
            "is still being scarred by sexual harassment. This needs to end; as a student body it is our responsibility to ensure that " +
            "King's is a safe space for all members of our community, and that every student feels able to partake in each and every " +
            "aspect of campus life without fear of being victimised. That's why as sports clubs, societies, activity groups and students " +
            "we should all join together and say IT. STOPS. HERE.",
            "Joe Simpson", "KCLSU Vice President, Activities and Development", "JS"),
    ];

    public static IReadOnlyList<Supporter> Supporters { get; } =
    [
        new("Professor Edward Byrne AC", "President & Principal of King's College London"),
        new("Deborah Bull", "Director, Culture at King's"),
        new("Chris Shelley", "Director of Student Services"),
        new("Maxine Taylor", "Director, International and UK External Relations"),
        new("Professor Michael Luck", "Dean of the Faculty of Natural & Mathematical Sciences"),
        new("The Revd Jane Speck", "Chaplain"),
        new("KCLSU Student Officers"),
        new("The It Stops Here Working Group"),
        new("It Stops Here Volunteers"),
        new("Human Resources"),
        new("Planning & Student Analytics"),
    ];

    public static IReadOnlyList<string> SocietiesAndTeams { get; } =
    [
        "Action Palestine",
        "GKT Football",
        "GKT Medical Students' Association",
        "Intersectional Feminist Society",
        "IOPPN Student Forum",
        "KCL Tamil Society",
        "King's Rugby",
        "LGBT Society",
        "Nursing & Midwifery Society",
    ];
}
