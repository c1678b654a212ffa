using System.Globalization;
using Buurtkracht.Core.Members;

namespace Buurtkracht.Core.Conversations;

/// <summary>A user-facing text in Dutch (B1, the default) and English. Placeholders use string.Format syntax.</summary>
public sealed record LocalText(string Nl, string En)
{
    private static readonly CultureInfo DutchCulture = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    public string In(string language, params object?[] args)
    {
        var english = language == Languages.English;
        var template = english ? En : Nl;
        return args.Length == 0 ? template : string.Format(english ? EnglishCulture : DutchCulture, template, args);
    }
}
