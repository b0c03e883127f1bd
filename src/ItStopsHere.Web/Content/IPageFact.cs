namespace ItStopsHere.Web.Content;

/// <summary>One item of a page's facts (<see cref="PageFacts"/>): a help line or an impact figure.</summary>
public interface IPageFact
{
    /// <summary>A short id that stays with the item when others are added, moved or removed.</summary>
    string Key { get; set; }

    /// <summary>How staff messages and the audit log name it: the service's name, or the figure.</summary>
    string Label { get; }
}
