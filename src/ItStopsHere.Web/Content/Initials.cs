namespace ItStopsHere.Web.Content;

/// <summary>
/// A person's initials for a photo-free quote card: the first letters of their first and last names,
/// leaving out titles before the name (Professor, Dr, The Revd, ...) and letters after it (AC, OBE, ...).
/// </summary>
public static class Initials
{
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "professor", "prof", "prof.", "dr", "dr.", "the", "revd", "rev", "rev.", "sir", "dame", "lord", "lady", "mr", "mrs", "ms", "mx", "miss",
    };

    public static string Of(string? name)
    {
        var words = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !Titles.Contains(w) && char.IsLetter(w[0]))
            .ToList();
        // Letters after a name are all capitals (AC, OBE); a name of one word keeps its only word.
        while (words.Count > 1 && words[^1].Length > 1 && words[^1].All(char.IsUpper))
        {
            words.RemoveAt(words.Count - 1);
        }

        return words.Count switch
        {
            0 => "",
            1 => char.ToUpperInvariant(words[0][0]).ToString(),
            _ => string.Concat(char.ToUpperInvariant(words[0][0]), char.ToUpperInvariant(words[^1][0])),
        };
    }
}
