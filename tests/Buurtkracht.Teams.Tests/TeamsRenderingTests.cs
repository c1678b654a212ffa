using System.Net;
using System.Text.Json;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Teams.Tests;

public sealed class TeamsRenderingTests
{
    [Fact]
    public void Plain_text_is_escaped_for_teams_markdown()
    {
        Assert.Equal("1 \\* 2 &lt;b&gt; \\_x\\_ \\[link\\]<br>A &amp; B \\#3", TeamsRendering.Markdown("1 * 2 <b> _x_ [link]\nA & B #3"));
    }

    [Fact]
    public void A_link_button_becomes_an_open_url_action_on_a_card()
    {
        var message = new OutgoingMessage { Text = "Je link.", Link = new LinkButton("Open het beheer", "https://bot.example/beheer/login/abc") };

        var json = JsonDocument.Parse(JsonSerializer.Serialize(TeamsRendering.Render(message), TeamsJson.Options)).RootElement;

        var body = json.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
        Assert.Equal("Je link.", body[0].GetProperty("text").GetString());
        var action = Assert.Single(body[1].GetProperty("actions").EnumerateArray());
        Assert.Equal(("Action.OpenUrl", "Open het beheer", "https://bot.example/beheer/login/abc"),
            (action.GetProperty("type").GetString(), action.GetProperty("title").GetString(), action.GetProperty("url").GetString()));
    }

    [Fact]
    public void Choices_become_an_adaptive_card_with_one_submit_per_choice()
    {
        var message = new OutgoingMessage
        {
            Text = "Bij welke buurt?\nKies er een.",
            Choices = [[new Choice("Centrum", "buurt:1"), new Choice("Souburgh", "buurt:2")], [new Choice("Andere", "buurt:other")]],
        };

        var activity = TeamsRendering.Render(message);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(activity, TeamsJson.Options)).RootElement;

        Assert.False(json.TryGetProperty("text", out _));
        // Teams shows the summary in notifications and the chat list, where a card alone reads "Card".
        Assert.Equal("Bij welke buurt?", json.GetProperty("summary").GetString());
        var attachment = json.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var body = card.GetProperty("body");
        Assert.Equal("Bij welke buurt?\n\nKies er een.", body[0].GetProperty("text").GetString());
        Assert.True(body[0].GetProperty("wrap").GetBoolean());
        Assert.Equal(3, body.GetArrayLength());
        var first = body[1].GetProperty("actions")[0];
        Assert.Equal("Action.Submit", first.GetProperty("type").GetString());
        Assert.Equal("Centrum", first.GetProperty("title").GetString());
        Assert.Equal("buurt:1", first.GetProperty("data").GetProperty("choice").GetString());
        Assert.Equal("buurt:other", body[2].GetProperty("actions")[0].GetProperty("data").GetProperty("choice").GetString());
    }

    [Theory]
    [InlineData(201, null, "Sent")]
    [InlineData(429, 7, "RetryAfter")]
    [InlineData(429, null, "RetryAfter")]
    [InlineData(412, null, "Transient")]
    [InlineData(502, 3, "RetryAfter")]
    [InlineData(504, null, "Transient")]
    [InlineData(500, null, "Transient")]
    [InlineData(403, null, "Unreachable")]
    [InlineData(404, null, "Unreachable")]
    [InlineData(400, null, "Rejected")]
    [InlineData(413, null, "Rejected")]
    public void Connector_answers_map_onto_what_the_dispatcher_does(int status, int? retryAfterSeconds, string expected)
    {
        var response = new ConnectorResponse((HttpStatusCode)status, "activity-1",
            retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, null);

        var result = TeamsChannel.Classify(response);

        Assert.Equal(expected, result.GetType().Name);
        if (result is SendResult.RetryAfter retry)
        {
            Assert.Equal(retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TeamsChannel.DefaultThrottlePause, retry.Delay);
            // Only a 429 is throttling of the whole app; 412, 502 and 504 are faults of one request.
            Assert.Equal(status == 429, retry.ChannelWide);
        }
        if (result is SendResult.Sent sent) Assert.Equal("activity-1", sent.PlatformMessageId);
    }

    [Fact]
    public void A_long_first_line_makes_a_short_summary()
    {
        var summary = TeamsRendering.Summary(new string('a', 300) + "\nrest");

        Assert.Equal(120, summary.Length);
        Assert.EndsWith("…", summary);
    }
}
