using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.News;

public class NewsItemInputValidator : AbstractValidator<NewsItemInput>
{
    public NewsItemInputValidator()
    {
        RuleFor(i => i.Title)
            .NotEmpty().WithMessage("Enter a title")
            .MaximumLength(NewsItemInput.TitleMaxLength).WithMessage($"The title must be {NewsItemInput.TitleMaxLength} characters or fewer");
        RuleFor(i => i.Slug)
            .Cascade(CascadeMode.Stop)
            .Must(slug => slug!.Trim().Length <= NewsSlugs.MaxLength).WithMessage($"The web address must be {NewsSlugs.MaxLength} characters or fewer")
            .Must(slug => NewsSlugs.IsWellFormed(slug!.Trim())).WithMessage("The web address can only use lower-case letters, numbers and single hyphens between words, like thank-you-for-visiting")
            .When(i => !string.IsNullOrWhiteSpace(i.Slug));
        RuleFor(i => i.Summary)
            .NotEmpty().WithMessage("Enter a summary: one or two sentences for lists, the feed and links shared on social media")
            .MaximumLength(NewsItemInput.SummaryMaxLength).WithMessage($"The summary must be {NewsItemInput.SummaryMaxLength} characters or fewer");
        RuleFor(i => i.Body)
            .NotEmpty().WithMessage("Enter the text of the item")
            .MaximumLength(NewsItemInput.BodyMaxLength).WithMessage($"The text must be {NewsItemInput.BodyMaxLength:N0} characters or fewer");
        RuleFor(i => i.Location)
            .MaximumLength(300).WithMessage("The place must be 300 characters or fewer");
        RuleFor(i => i.ExternalUrl)
            .MaximumLength(2000).WithMessage("The event page's address must be 2,000 characters or fewer")
            .Must(WebAddress.IsHttp).WithMessage("Enter the event page's full address, starting with https://, like https://www.example.ac.uk/events/open-meeting")
            .When(i => !string.IsNullOrWhiteSpace(i.ExternalUrl));
        RuleFor(i => i).Custom(ValidateEventTimes);
    }

    /// <summary>An event needs a start date and time; its end, if given, must come after the start.</summary>
    private static void ValidateEventTimes(NewsItemInput input, ValidationContext<NewsItemInput> context)
    {
        if (!input.DescribesEvent)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(input.StartDate))
        {
            context.AddFailure(nameof(input.StartDate), "Enter the date the event starts, or leave all the event details empty if this is not an event");
            return;
        }

        var start = Moment(context, input.StartDate, input.StartTime, nameof(input.StartDate), nameof(input.StartTime), "starts");
        var hasEnd = !string.IsNullOrWhiteSpace(input.EndDate) || !string.IsNullOrWhiteSpace(input.EndTime);
        if (!hasEnd)
        {
            return;
        }

        var endDate = string.IsNullOrWhiteSpace(input.EndDate) ? input.StartDate : input.EndDate;
        var end = Moment(context, endDate, input.EndTime, nameof(input.EndDate), nameof(input.EndTime), "ends");
        if (start is not null && end is not null && end <= start)
        {
            var field = string.IsNullOrWhiteSpace(input.EndDate) || LondonTime.TryParseDate(input.EndDate, out var d) && LondonTime.TryParseDate(input.StartDate, out var s) && d == s
                ? nameof(input.EndTime)
                : nameof(input.EndDate);
            context.AddFailure(field, "The event must end after it starts");
        }
    }

    private static DateTimeOffset? Moment(
        ValidationContext<NewsItemInput> context, string? date, string? time, string dateField, string timeField, string verb)
    {
        var ok = true;
        if (!LondonTime.TryParseDate(date, out var day))
        {
            context.AddFailure(dateField, $"Enter the date the event {verb} as a real date, like 27/04/2026");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(time))
        {
            context.AddFailure(timeField, verb == "starts"
                ? "Enter the time the event starts, like 18:00"
                : "Enter the time the event ends, like 21:00, or leave the end date and time empty");
            return null;
        }

        if (!LondonTime.TryParseTime(time, out var clock))
        {
            context.AddFailure(timeField, $"Enter the time the event {verb} on the 24-hour clock, like 18:00");
            return null;
        }

        if (!ok)
        {
            return null;
        }

        if (!LondonTime.TryToInstant(day, clock, out var instant))
        {
            context.AddFailure(timeField, $"That time does not exist in the UK: the clocks go forward an hour that night. Choose a time after 02:00");
            return null;
        }

        return instant;
    }
}
