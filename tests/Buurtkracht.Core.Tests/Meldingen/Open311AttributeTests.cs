using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>The municipality's extra questions from the Open311 service definition, and a POST answered with a token.</summary>
public sealed class Open311AttributeTests
{
    private static void DefineLight(FakeOpen311Server server) =>
        server.Definitions["LIGHT"] =
        [
            new("lichtmast", "number", true, "Wat is het nummer van de lichtmast? Het staat op een plaatje op de paal.", 1),
            new("soort", "singlevaluelist", true, "Wat is er mis met de lamp?", 2, [("uit", "De lamp is uit"), ("knippert", "De lamp knippert"), ("dag", "Hij brandt overdag")]),
            new("extra", "multivaluelist", true, "Wat zie je nog meer?", 3, [("1", "Losse draden"), ("2", "Kapot glas"), ("3", "Scheve paal")]),
            new("opmerking", "text", false, "Nog iets?", 4),
            new("buurtkracht_reference", "string", true, "Referentie", 5),
        ];

    private static IEnumerable<string> Data(OutgoingMessage question) => question.Choices.SelectMany(row => row).Select(c => c.Data);

    private static async Task RefreshAsync(CoreHarness h) => await h.Services.GetRequiredService<Open311Catalog>().RefreshAsync(CancellationToken.None);

    [Fact]
    public async Task The_required_attributes_are_asked_one_at_a_time_with_buttons_for_lists_and_sent_as_attribute_code()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        DefineLight(server);
        await using var h = await StartAsync(settings: Open311At(server));
        await RefreshAsync(h);

        var first = (await UpToAsync(h, Anna, "Heel", "verlichting", "Kerkstraat 12")).Last;
        Assert.Equal("De gemeente wil nog iets weten (vraag 1 van 3):\nWat is het nummer van de lichtmast? Het staat op een plaatje op de paal.\nTyp een getal, bijvoorbeeld 12.", first.Text);
        Assert.True(first.ExpectsTextReply);

        var notANumber = await h.PrivateAsync(Anna, "twaalf");
        Assert.Equal([MeldingTexts.AttributeNumberExpected.Nl, first.Text], notANumber.Texts);

        var second = (await h.PrivateAsync(Anna, "1234")).Last;
        Assert.StartsWith("De gemeente wil nog iets weten (vraag 2 van 3):\nWat is er mis met de lamp?", second.Text);
        Assert.Equal(["attr:0", "attr:1", "attr:2"], Data(second));
        Assert.Equal(["De lamp is uit", "De lamp knippert", "Hij brandt overdag"], second.Choices.SelectMany(r => r).Select(c => c.Label));
        Assert.Equal(ConversationTextsUseTheButtons, (await h.PrivateAsync(Anna, "geen idee")).Texts[0]);

        var third = (await h.PrivateAsync(Anna, new ChoiceContent("attr:1"))).Last;
        Assert.StartsWith("De gemeente wil nog iets weten (vraag 3 van 3):\nWat zie je nog meer?", third.Text);
        Assert.Equal(["attr:0", "attr:1", "attr:2", "attr:klaar"], Data(third));
        Assert.Equal(MeldingTexts.AttributeChooseOne.Nl, (await h.PrivateAsync(Anna, new ChoiceContent("attr:klaar"))).Texts[0]);
        var chosen = await h.PrivateAsync(Anna, new ChoiceContent("attr:0"));
        Assert.Equal(MeldingTexts.AttributeChosen.In("nl", "Losse draden"), chosen.Texts[0]);
        Assert.Contains("✓ Losse draden", chosen.Last.Choices.SelectMany(r => r).Select(c => c.Label));
        await h.PrivateAsync(Anna, new ChoiceContent("attr:2"));
        Assert.Equal(MeldingTexts.AskDescription.Nl, (await h.PrivateAsync(Anna, new ChoiceContent("attr:klaar"))).Last.Text);

        await h.PrivateAsync(Anna, "De lamp knippert de hele avond.");
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        var summary = (await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"))).Last;
        Assert.EndsWith("\nExtra: Wat is het nummer van de lichtmast? Het staat op een plaatje op de paal: 1234; Wat is er mis met de lamp: De lamp knippert; Wat zie je nog meer: Losse draden, Scheve paal", summary.Text);
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));

        Assert.Equal(1, await ForwardOnceAsync(h));
        var post = Assert.Single(server.Posts);
        var reference = (await h.DbAsync(db => db.Meldingen.SingleAsync())).Reference;
        Assert.Equal(("LIGHT", "1234", "knippert", "1,3", reference), (post["service_code"], post["attribute[lichtmast]"], post["attribute[soort]"], post["attribute[extra][]"], post["attribute[buurtkracht_reference]"]));
        Assert.Null(post["attribute[opmerking]"]);
        var stored = await h.DbAsync(db => db.Set<MeldingAttribute>().OrderBy(a => a.Id).Select(a => a.Code + "=" + a.Value.Replace("\n", "|")).ToListAsync());
        Assert.Equal(["lichtmast=1234", "soort=knippert", "extra=1|3"], stored);
    }

    private static readonly string ConversationTextsUseTheButtons = Buurtkracht.Core.Conversations.ConversationTexts.UseTheButtons.Nl;

    [Fact]
    public async Task Changing_the_subject_to_a_category_with_questions_asks_them_before_the_summary()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        DefineLight(server);
        await using var h = await StartAsync(settings: Open311At(server));
        await RefreshAsync(h);
        await UpToAsync(h, Anna, "Heel", "wegen", "Kerkstraat 12");
        await h.PrivateAsync(Anna, "Er zit een gat in de stoep voor de deur.");
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));

        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:wijzigen"));
        await h.PrivateAsync(Anna, new ChoiceContent("wijzig:thema"));
        await h.PrivateAsync(Anna, new ChoiceContent("thema:Heel"));
        var question = (await h.PrivateAsync(Anna, new ChoiceContent($"cat:{await CategoryIdAsync(h, "verlichting")}"))).Last;
        Assert.StartsWith("De gemeente wil nog iets weten (vraag 1 van 3)", question.Text);
        await h.PrivateAsync(Anna, "7");
        await h.PrivateAsync(Anna, new ChoiceContent("attr:0"));
        await h.PrivateAsync(Anna, new ChoiceContent("attr:1"));
        Assert.StartsWith("Kijk of alles klopt", (await h.PrivateAsync(Anna, new ChoiceContent("attr:klaar"))).Last.Text);
    }

    [Fact]
    public async Task A_token_that_has_no_id_yet_is_asked_again_on_later_polls_until_the_server_assigns_one()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        server.AnswerWithToken = true;
        server.HoldTokens = true;
        await using var h = await StartAsync(settings: Open311At(server));
        await ToSummaryAsync(h, Anna);
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        Assert.Equal(1, await ForwardOnceAsync(h));

        async Task<int> PollAsync()
        {
            await using var scope = h.Services.CreateAsyncScope();
            return await ActivatorUtilities.CreateInstance<MeldingStatusJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        }

        Assert.Equal(0, await PollAsync());
        var forward = await h.DbAsync(db => db.MeldingForwards.SingleAsync());
        Assert.Equal((null, "tok-638345"), (forward.ExternalId, forward.ExternalToken));

        server.AssignTokens();
        server.SetStatus("638345", "open", "Ingepland voor volgende week");
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await PollAsync());
        Assert.Equal("638345", (await h.DbAsync(db => db.MeldingForwards.SingleAsync())).ExternalId);
        Assert.Contains("Ingepland voor volgende week", (await h.OutboxTextsAsync(Anna.UserId))[^1]);
    }
}
