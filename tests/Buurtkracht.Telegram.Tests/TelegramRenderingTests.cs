using System.Text.Json;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Telegram.Tests;

public class TelegramRenderingTests
{
    // As the library sends it: its own JSON settings, and property order does not matter to Telegram.
    private static System.Text.Json.Nodes.JsonNode? Json(object? markup) =>
        System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(markup, global::Telegram.Bot.JsonBotAPI.Options));

    private static void AssertJson(string expected, object? markup) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), Json(markup)),
            $"expected {expected}, got {Json(markup)?.ToJsonString()}");

    [Fact]
    public void A_link_button_is_a_url_button_on_its_own_row_below_the_choices()
    {
        var message = new OutgoingMessage
        {
            Text = "Je link.", Choices = [[new Choice("Ja", "x:ja")]], Link = new LinkButton("Open het beheer", "https://bot.example/beheer/login/abc"),
        };

        AssertJson("""{"inline_keyboard":[[{"text":"Ja","callback_data":"x:ja"}],[{"text":"Open het beheer","url":"https://bot.example/beheer/login/abc"}]]}""", TelegramRendering.ReplyMarkup(message));
    }

    [Fact]
    public void A_choice_that_starts_privately_is_a_deep_link_url_button_once_the_link_is_known()
    {
        var message = new OutgoingMessage
        {
            Text = "Vragenlijst", Choices = [[new Choice("Invullen", "vl:3") { StartsPrivately = "vl-3" }, new Choice("Later", "x")]],
        };

        AssertJson("""{"inline_keyboard":[[{"text":"Invullen","url":"https://t.me/buurt_bot?start=vl-3"},{"text":"Later","callback_data":"x"}]]}""",
            TelegramRendering.ReplyMarkup(message, payload => $"https://t.me/buurt_bot?start={payload}"));
        // Before getMe has answered there is no link: the button stays a press, which the engine answers too.
        AssertJson("""{"inline_keyboard":[[{"text":"Invullen","callback_data":"vl:3"},{"text":"Later","callback_data":"x"}]]}""",
            TelegramRendering.ReplyMarkup(message, _ => null));
    }

    [Fact]
    public void Html_escapes_the_three_characters_telegram_parses_and_nothing_else()
    {
        Assert.Equal("a &lt;b&gt; &amp; \"c\" 'd' é 👍 &amp;amp;", TelegramRendering.Html("a <b> & \"c\" 'd' é 👍 &amp;"));
    }

    [Fact]
    public void Short_text_is_one_part()
    {
        Assert.Equal(["Hallo buurt"], TelegramRendering.SplitText("Hallo buurt"));
        Assert.Equal([""], TelegramRendering.SplitText(""));
        var exact = new string('x', 4096);
        Assert.Equal([exact], TelegramRendering.SplitText(exact));
    }

    [Fact]
    public void Long_text_splits_at_the_last_line_break_within_the_limit()
    {
        var first = string.Join('\n', Enumerable.Repeat(new string('a', 99), 30)); // 2999 characters
        var second = new string('b', 2000);
        var parts = TelegramRendering.SplitText(first + "\n" + second);

        Assert.Equal([first, second], parts);
    }

    [Fact]
    public void A_long_line_splits_at_a_space_and_every_part_fits()
    {
        var words = string.Join(' ', Enumerable.Repeat("buurtkracht", 1000)); // 11999 characters
        var parts = TelegramRendering.SplitText(words);

        Assert.Equal(3, parts.Count);
        Assert.All(parts, part => Assert.InRange(part.Length, 1, 4096));
        Assert.All(parts, part => Assert.DoesNotContain("  ", part));
        Assert.Equal(words, string.Join(' ', parts));
    }

    [Fact]
    public void Text_without_spaces_is_cut_hard_but_never_inside_a_surrogate_pair()
    {
        var text = new string('x', 4095) + "👍" + new string('y', 10);
        var parts = TelegramRendering.SplitText(text);

        Assert.Equal([new string('x', 4095), "👍" + new string('y', 10)], parts);
    }

    [Fact]
    public void Splitting_counts_plain_text_so_escaping_cannot_push_a_part_over()
    {
        var parts = TelegramRendering.SplitText(new string('<', 5000));

        Assert.Equal([4096, 904], parts.Select(p => p.Length));
        Assert.Equal(4096 * 4, TelegramRendering.Html(parts[0]).Length); // &lt; counts once for Telegram
    }

    [Fact]
    public void Choices_become_an_inline_keyboard_with_callback_data()
    {
        var message = new OutgoingMessage
        {
            Text = "Kom je?",
            Choices = [[new Choice("Ja", "rsvp:yes"), new Choice("Nee", "rsvp:no")], [new Choice("Misschien", "rsvp:maybe")]],
            ExpectsTextReply = true,
        };

        AssertJson(
            """{"inline_keyboard":[[{"text":"Ja","callback_data":"rsvp:yes"},{"text":"Nee","callback_data":"rsvp:no"}],[{"text":"Misschien","callback_data":"rsvp:maybe"}]]}""",
            TelegramRendering.ReplyMarkup(message));
    }

    [Fact]
    public void A_location_request_is_a_one_time_reply_keyboard_with_the_choices_as_typed_buttons_below()
    {
        var message = new OutgoingMessage
        {
            Text = "Waar is het?",
            RequestLocationLabel = "Deel mijn locatie",
            Choices = [[new Choice("Ik typ een adres", "loc:address")], [new Choice("Stoppen", "cancel")]],
        };

        AssertJson(
            """{"keyboard":[[{"text":"Deel mijn locatie","request_location":true}],[{"text":"Ik typ een adres"}],[{"text":"Stoppen"}]],"one_time_keyboard":true,"resize_keyboard":true}""",
            TelegramRendering.ReplyMarkup(message));
    }

    [Fact]
    public void A_typed_answer_without_choices_asks_for_a_forced_reply()
    {
        var markup = TelegramRendering.ReplyMarkup(new OutgoingMessage { Text = "Wat is je e-mailadres?", ExpectsTextReply = true });

        AssertJson("""{"force_reply":true}""", markup);
    }

    [Fact]
    public void A_plain_message_has_no_markup()
    {
        Assert.Null(TelegramRendering.ReplyMarkup(OutgoingMessage.Plain("Dank je!")));
    }
}
