using System.Globalization;
using System.Net.Mail;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen.Suggestions;
using Buurtkracht.Core.Meldingen.Places;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// /melding: theme, category, place (and which address is meant), neighbours' meldingen nearby (follow one instead),
/// the municipality's extra questions, description, photos, contact, summary (send, change any step, cancel). A resident
/// who starts with a description ("/melding de lamp is kapot", or such a text on its own) gets a category suggested. The
/// answers live in the dialog state until "Versturen"; then <see cref="MeldingSubmitter"/> stores the melding.
/// </summary>
public sealed partial class MeldingDialog(
    IEnumerable<IPhotoDownloader> downloaders,
    MeldingSubmitter submitter,
    CategoryClassifier classifier,
    IEnumerable<Open311Catalog> catalogs,
    MunicipalityBoundary boundary,
    IOptions<MeldingenOptions> options,
    ILogger<MeldingDialog> log) : Dialog
{
    public const string DialogName = "melding";
    public const int MaxPhotos = 3;
    public const int MinDescription = 10;
    public const int MaxDescription = 1000;

    // Value keys.
    internal const string ThemeKey = "thema";
    internal const string CategoryKey = "categorie";
    internal const string LatitudeKey = "lat";
    internal const string LongitudeKey = "lon";
    internal const string AddressKey = "adres";
    internal const string StreetKey = "straat";
    internal const string DescriptionKey = "omschrijving";
    internal const string PhotosKey = "fotos";
    internal const string AnonymousKey = "anoniem";
    internal const string NameKey = "naam";
    internal const string EmailKey = "email";
    private const string EditingKey = "wijzigen";
    private const string SafetyShownKey = "veiligheid";

    private readonly MeldingenOptions _options = options.Value;
    private readonly MunicipalityBoundary _boundary = boundary;
    private readonly ILogger<MeldingDialog> _log = log;

    public override string Name => DialogName;

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("thema", AskThemeAsync, AnswerTheme),
        Step("categorie", AskCategoryAsync, AnswerCategoryAsync),
        // The place steps (MeldingDialog.Place.cs) go on to the description; the neighbours' meldingen come in between.
        Step("locatie", AskLocationAsync, async (ctx, answer) => await ThenNeighboursAsync(ctx, await AnswerLocationAsync(ctx, answer))),
        Step("adres", AskAddressAsync, async (ctx, answer) => await ThenNeighboursAsync(ctx, await AnswerAddressAsync(ctx, answer))),
        Step(NearbyStep.StepId, NearbyStep.AskAsync, (ctx, answer) => NearbyStep.AnswerAsync(ctx, answer, AfterNearby)),
        Step(AttributeSteps.StepId, AttributeSteps.AskAsync, (ctx, answer) => AttributeSteps.AnswerAsync(ctx, answer, AfterQuestions)),
        Step("omschrijving", ctx => Task.FromResult(ctx.Text(MeldingTexts.AskDescription) with { ExpectsTextReply = true }), AnswerDescription),
        Step("fotos", AskPhotosAsync, AnswerPhotoAsync),
        Step("contact", AskContactAsync, AnswerContact),
        Step("naam", ctx => Task.FromResult(ctx.Text(MeldingTexts.AskName) with { ExpectsTextReply = true }), AnswerName),
        Step("email", ctx => Task.FromResult(ctx.Text(MeldingTexts.AskEmail) with { ExpectsTextReply = true }), AnswerEmail),
        Step("wijzig", AskWhatToChangeAsync, AnswerWhatToChange),
        Step("samenvatting", AskSummaryAsync, AnswerSummaryAsync),
    ];

    private static bool Editing(TurnContext ctx) => ctx.Values[EditingKey] == "1";

    /// <summary>After a step that was reached through "Wijzigen", back to the summary; else on.</summary>
    private static StepResult Onwards(TurnContext ctx) => Editing(ctx) ? StepResult.GoTo("samenvatting") : StepResult.Next;

    /// <summary>Starting with a description: kept as the description, checked for an emergency first, its category suggested.</summary>
    public override Task<bool> CanStartAsync(TurnContext ctx)
    {
        var text = ctx.CommandArgument.Trim();
        if (text.Length < MinDescription) return Task.FromResult(true);
        if (text.Length <= MaxDescription) ctx.Values[DescriptionKey] = text;
        if (Emergency.LooksUrgent(text)) ShowSafety(ctx);
        CategorySuggestionStep.Suggest(ctx, classifier, _options.Suggestion, text);
        return Task.FromResult(true);
    }

    private static async Task<OutgoingMessage> AskThemeAsync(TurnContext ctx)
    {
        var themes = Enum.GetValues<MeldingTheme>().Select(t => ctx.Choice(MeldingTexts.ThemeName(t), $"thema:{t}")).ToList();
        return await CategorySuggestionStep.AskAsync(ctx, themes) ?? ctx.Question(MeldingTexts.AskTheme, themes, perRow: 3);
    }

    private async Task<StepResult> AnswerTheme(TurnContext ctx, InboundContent answer)
    {
        if (await CategorySuggestionStep.AcceptedAsync(ctx, answer) is { } suggested)
        {
            ctx.Values[ThemeKey] = suggested.Theme.ToString();
            if (suggested.Theme == MeldingTheme.Veilig) ShowSafety(ctx);
            return ChooseCategory(ctx, suggested, next: StepResult.GoTo("locatie"));
        }
        if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("thema:", StringComparison.Ordinal)
            || !Enum.TryParse<MeldingTheme>(data["thema:".Length..], out var theme))
            return StepResult.Retry(ConversationTexts.UseTheButtons);
        if (ctx.Values[ThemeKey] != theme.ToString()) ctx.Values[CategoryKey] = null;
        ctx.Values[ThemeKey] = theme.ToString();
        if (theme == MeldingTheme.Veilig) ShowSafety(ctx);
        // The category always follows the theme, also when changing.
        return StepResult.Next;
    }

    private static void ShowSafety(TurnContext ctx)
    {
        if (ctx.Values[SafetyShownKey] == "1") return;
        ctx.Values[SafetyShownKey] = "1";
        ctx.Say(MeldingTexts.Safety);
    }

    private static async Task<List<MeldingCategory>> CategoriesAsync(TurnContext ctx)
    {
        var theme = Enum.Parse<MeldingTheme>(ctx.Values[ThemeKey] ?? nameof(MeldingTheme.Heel));
        return await ctx.Db.MeldingCategories.Where(c => c.Theme == theme && c.IsActive).OrderBy(c => c.SortOrder).ToListAsync();
    }

    private static async Task<OutgoingMessage> AskCategoryAsync(TurnContext ctx) =>
        ctx.Question(MeldingTexts.AskCategory, (await CategoriesAsync(ctx)).Select(c => new Choice(c.Name(ctx.Language), $"cat:{c.Id}")), perRow: 1);

    private async Task<StepResult> AnswerCategoryAsync(TurnContext ctx, InboundContent answer)
    {
        if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("cat:", StringComparison.Ordinal)
            || !int.TryParse(data["cat:".Length..], out var id) || (await CategoriesAsync(ctx)).FirstOrDefault(c => c.Id == id) is not { } category)
            return StepResult.Retry(ConversationTexts.UseTheButtons);
        return ChooseCategory(ctx, category, next: StepResult.Next);
    }

    /// <summary>Stores the category and takes its extra questions; when changing, those questions come before the summary.</summary>
    private StepResult ChooseCategory(TurnContext ctx, MeldingCategory category, StepResult next)
    {
        ctx.Values[CategoryKey] = category.Id.ToString(CultureInfo.InvariantCulture);
        AttributeSteps.Prepare(ctx, catalogs.FirstOrDefault(), category);
        if (!Editing(ctx)) return next;
        return AttributeSteps.Pending(ctx) ? StepResult.GoTo(AttributeSteps.StepId) : StepResult.GoTo("samenvatting");
    }

    /// <summary>
    /// Once the place is set (the place steps go on to the description then): the neighbours' meldingen nearby, if any,
    /// else the municipality's questions, else the description. Any other outcome of a place step stands.
    /// </summary>
    private async Task<StepResult> ThenNeighboursAsync(TurnContext ctx, StepResult place)
    {
        if (place is not StepResult.GoToResult { StepId: AfterPlaceStep }) return place;
        if (await NearbyStep.PrepareAsync(ctx, _options.Nearby, ctx.Values.GetInt(CategoryKey),
                ParseCoordinate(ctx.Values[LatitudeKey]), ParseCoordinate(ctx.Values[LongitudeKey])))
            return StepResult.GoTo(NearbyStep.StepId);
        return AfterNearby(ctx);
    }

    private static double? ParseCoordinate(string? value) => value is null ? null : double.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>"Nee, iets anders" (or nothing nearby): the municipality's questions, if it has any for this category.</summary>
    private static StepResult AfterNearby(TurnContext ctx) =>
        AttributeSteps.Pending(ctx) ? StepResult.GoTo(AttributeSteps.StepId) : AfterQuestions(ctx);

    /// <summary>Then the description, unless the resident started with one.</summary>
    private static StepResult AfterQuestions(TurnContext ctx) =>
        Editing(ctx) ? StepResult.GoTo("samenvatting")
        : ctx.Values[DescriptionKey] is null ? StepResult.GoTo("omschrijving")
        : StepResult.GoTo("fotos");

    private static Task<StepResult> AnswerDescription(TurnContext ctx, InboundContent answer)
    {
        if (answer is not TextContent text) return Task.FromResult(StepResult.Retry(MeldingTexts.DescriptionExpected));
        var description = text.Text.Trim();
        if (description.Length < MinDescription) return Task.FromResult(StepResult.Retry(MeldingTexts.DescriptionTooShort));
        if (description.Length > MaxDescription) return Task.FromResult(StepResult.Retry(MeldingTexts.DescriptionTooLong, description.Length));
        ctx.Values[DescriptionKey] = description;
        if (Emergency.LooksUrgent(description)) ShowSafety(ctx);
        return Task.FromResult(Onwards(ctx));
    }

    internal static List<string> PhotoPaths(TurnContext ctx) =>
        ctx.Values[PhotosKey]?.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];

    /// <summary>
    /// Telegram file ids stay valid for a long time (at least an hour, usually far longer), so the photo can be fetched
    /// after the turn. A Teams photo is downloaded before its turn runs (TurnContext.Platform): how long its attachment
    /// URLs stay valid is not established.
    /// </summary>
    private static bool FetchesLater(ChannelKind channel) => channel == ChannelKind.Telegram;

    private IPhotoDownloader? Downloader(TurnContext ctx) => downloaders.FirstOrDefault(d => d.Kind == ctx.Message.Chat.Channel);

    private Task<OutgoingMessage> AskPhotosAsync(TurnContext ctx)
    {
        var count = PhotoPaths(ctx).Count;
        if (Downloader(ctx) is null)
            return Task.FromResult(ctx.Question(MeldingTexts.AskPhotosTyped, [ctx.Choice(MeldingTexts.Skip, "fotos:klaar")]));
        return Task.FromResult(count == 0
            ? ctx.Question(MeldingTexts.AskPhotos, [ctx.Choice(MeldingTexts.Skip, "fotos:klaar")])
            : ctx.Question(MeldingTexts.AskMorePhotos, [ctx.Choice(MeldingTexts.Done, "fotos:klaar")], 2, count));
    }

    private async Task<StepResult> AnswerPhotoAsync(TurnContext ctx, InboundContent answer)
    {
        switch (answer)
        {
            case ChoiceContent { Data: "fotos:klaar" }:
                return Onwards(ctx);
            case PhotoContent photo:
                var downloader = Downloader(ctx);
                if (downloader is null) return StepResult.Retry(MeldingTexts.PhotosUnsupported);
                if (photo.FileSize > _options.MaxPhotoBytes) return StepResult.Retry(MeldingTexts.PhotoTooLarge);
                string path;
                if (FetchesLater(ctx.Message.Chat.Channel))
                {
                    // No download in the turn: every turn runs in the engine's one writer loop, so a slow file server
                    // would make the whole bot wait. The forwarding job fetches the photo after "Versturen".
                    path = PendingPhoto.Create(ctx.Message.Chat.Channel, photo.FileId);
                }
                else
                {
                    // Downloaded before the turn ran (TurnContext.Platform), into a concept file: never inside the loop.
                    var downloaded = ctx.Platform.Photo(photo.FileId);
                    if (downloaded is null)
                    {
                        _log.LogWarning("Downloading a melding photo on {Channel} failed", ctx.Message.Chat.Channel);
                        return StepResult.Retry(MeldingTexts.PhotoFailed);
                    }
                    if (downloaded is not { Path: { } concept } || downloaded.Size > _options.MaxPhotoBytes)
                    {
                        if (downloaded.Path is { } tooLarge) MeldingPhotoStore.Delete([tooLarge]);
                        return StepResult.Retry(MeldingTexts.PhotoTooLarge);
                    }
                    path = concept;
                }
                var paths = PhotoPaths(ctx);
                paths.Add(path);
                ctx.Values[PhotosKey] = string.Join('\n', paths);
                // Ask again (with the count) until three are in.
                return paths.Count >= MaxPhotos ? Onwards(ctx) : StepResult.Retry(MeldingTexts.PhotoReceived);
            default:
                return StepResult.Retry(MeldingTexts.PhotoExpected);
        }
    }

    private Task<OutgoingMessage> AskContactAsync(TurnContext ctx) =>
        Task.FromResult(ctx.Question(MeldingTexts.AskContact,
            [ctx.Choice(MeldingTexts.Anonymous, "contact:anoniem"), ctx.Choice(MeldingTexts.WithName, "contact:naam")], 1,
            _options.PersonalDataRetentionDays));

    private static Task<StepResult> AnswerContact(TurnContext ctx, InboundContent answer)
    {
        switch (answer)
        {
            case ChoiceContent { Data: "contact:anoniem" }:
                ctx.Values[AnonymousKey] = "1";
                ctx.Values[NameKey] = null;
                ctx.Values[EmailKey] = null;
                return Task.FromResult(StepResult.GoTo("samenvatting"));
            case ChoiceContent { Data: "contact:naam" }:
                ctx.Values[AnonymousKey] = "0";
                return Task.FromResult(StepResult.Next);
            default:
                return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
        }
    }

    private static Task<StepResult> AnswerName(TurnContext ctx, InboundContent answer)
    {
        var name = (answer as TextContent)?.Text.Trim() ?? "";
        if (name.Length is < 2 or > 100 || name.Any(char.IsControl)) return Task.FromResult(StepResult.Retry(MeldingTexts.NameInvalid));
        ctx.Values[NameKey] = name;
        return Task.FromResult(StepResult.Next);
    }

    private static Task<StepResult> AnswerEmail(TurnContext ctx, InboundContent answer)
    {
        var email = (answer as TextContent)?.Text.Trim() ?? "";
        if (!IsValidEmail(email)) return Task.FromResult(StepResult.Retry(MeldingTexts.EmailInvalid));
        ctx.Values[EmailKey] = email;
        return Task.FromResult(StepResult.GoTo("samenvatting"));
    }

    /// <summary>MailAddress parses display names and comments too; an address alone, with a dotted domain, is wanted here.</summary>
    public static bool IsValidEmail(string email)
    {
        if (email.Length is < 6 or > 254 || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || email.Count(c => c == '@') != 1)
            return false;
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0) return false;
        var host = address.Host;
        var lastDot = host.LastIndexOf('.');
        return lastDot > 0 && lastDot < host.Length - 2 && !host.Contains("..", StringComparison.Ordinal)
            && !host.StartsWith('.') && !host.StartsWith('-') && host[(lastDot + 1)..].All(char.IsLetter);
    }

    private static Task<OutgoingMessage> AskWhatToChangeAsync(TurnContext ctx) =>
        Task.FromResult(ctx.Question(MeldingTexts.AskWhatToChange,
        [
            ctx.Choice(MeldingTexts.ChangeSubject, "wijzig:thema"),
            ctx.Choice(MeldingTexts.ChangePlace, "wijzig:locatie"),
            ctx.Choice(MeldingTexts.ChangeDescription, "wijzig:omschrijving"),
            ctx.Choice(MeldingTexts.ChangePhotos, "wijzig:fotos"),
            ctx.Choice(MeldingTexts.ChangeContact, "wijzig:contact"),
            ctx.Choice(MeldingTexts.BackToSummary, "wijzig:samenvatting"),
        ]));

    private static Task<StepResult> AnswerWhatToChange(TurnContext ctx, InboundContent answer)
    {
        if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("wijzig:", StringComparison.Ordinal))
            return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
        var step = data["wijzig:".Length..];
        ctx.Values[EditingKey] = "1";
        if (step == "fotos")
        {
            // New photos replace the old ones.
            MeldingPhotoStore.Delete(PhotoPaths(ctx));
            ctx.Values[PhotosKey] = null;
        }
        return Task.FromResult(StepResult.GoTo(step));
    }

    private static async Task<OutgoingMessage> AskSummaryAsync(TurnContext ctx)
    {
        ctx.Values[EditingKey] = null;
        var categoryId = ctx.Values.GetInt(CategoryKey);
        var category = await ctx.Db.MeldingCategories.FirstOrDefaultAsync(c => c.Id == categoryId);
        var theme = Enum.Parse<MeldingTheme>(ctx.Values[ThemeKey]!);
        var subject = $"{ctx.T(MeldingTexts.ThemeName(theme))} – {category?.Name(ctx.Language)}";
        var place = PlaceLine(ctx);
        var contact = ctx.Values[AnonymousKey] == "1" ? ctx.T(MeldingTexts.AnonymousContact) : $"{ctx.Values[NameKey]} ({ctx.Values[EmailKey]})";
        var summary = ctx.Question(MeldingTexts.Summary,
            [ctx.Choice(MeldingTexts.Send, "samenvatting:versturen"), ctx.Choice(MeldingTexts.Change, "samenvatting:wijzigen"),
             ctx.Choice(MeldingTexts.Cancel, "samenvatting:annuleren")], 3,
            subject, place, ctx.Values[DescriptionKey], PhotoPaths(ctx).Count, contact);
        var extra = AttributeSteps.SummaryLine(ctx);
        return extra.Length == 0 ? summary : summary with { Text = summary.Text + ctx.T(MeldingTexts.SummaryExtra, extra) };
    }

    private static Task<StepResult> AnswerSummaryAsync(TurnContext ctx, InboundContent answer)
    {
        switch (answer)
        {
            case ChoiceContent { Data: "samenvatting:versturen" }:
                return Task.FromResult(StepResult.Next);
            case ChoiceContent { Data: "samenvatting:wijzigen" }:
                return Task.FromResult(StepResult.GoTo("wijzig"));
            case ChoiceContent { Data: "samenvatting:annuleren" }:
                MeldingPhotoStore.Delete(PhotoPaths(ctx));
                ctx.Say(MeldingTexts.Cancelled);
                return Task.FromResult(StepResult.End);
            default:
                return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
        }
    }

    public override Task CompleteAsync(TurnContext ctx) => submitter.SubmitAsync(ctx);
}
