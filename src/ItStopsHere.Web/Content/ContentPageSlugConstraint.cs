using System.Globalization;

namespace ItStopsHere.Web.Content;

/// <summary>Route constraint <c>{slug:content-page}</c>: matches only the slugs in <see cref="ContentPageCatalog"/>.</summary>
public sealed class ContentPageSlugConstraint : IRouteConstraint
{
    public const string Name = "content-page";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value)
        && ContentPageCatalog.Find(Convert.ToString(value, CultureInfo.InvariantCulture)) is not null;
}
