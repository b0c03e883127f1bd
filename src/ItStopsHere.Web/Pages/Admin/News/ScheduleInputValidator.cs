using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Data.Content;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Pages.Admin.News;

public class ScheduleInputValidator : AbstractValidator<ScheduleInput>
{
    public ScheduleInputValidator(TimeProvider clock)
    {
        RuleFor(i => i.Date)
            .NotEmpty().WithMessage("Enter the date to publish it")
            .Must(d => LondonTime.TryParseDate(d, out _)).WithMessage("Enter the date to publish it as a real date, like 27/04/2026");
        RuleFor(i => i.Time)
            .NotEmpty().WithMessage("Enter the time to publish it, like 09:00")
            .Must(t => LondonTime.TryParseTime(t, out _)).WithMessage("Enter the time to publish it on the 24-hour clock, like 09:00");
        RuleFor(i => i).Custom((input, context) =>
        {
            if (!LondonTime.TryParseDate(input.Date, out var day) || !LondonTime.TryParseTime(input.Time, out var time))
            {
                return;
            }

            if (!LondonTime.TryToInstant(day, time, out var at))
            {
                context.AddFailure(nameof(input.Time), "That time does not exist in the UK: the clocks go forward an hour that night. Choose a time after 02:00");
            }
            else if (at <= clock.GetUtcNow())
            {
                context.AddFailure(nameof(input.Date), "Choose a date and time in the future, or publish it now");
            }
        });
    }
}
