using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Telegram.Tests;

public sealed class TelegramChannelTests : FakeTelegramTest
{
    private const string Chat = "4242";

    private TelegramChannel Channel => Services.Get<TelegramChannel>();

    private Task<SendResult> Send(OutgoingMessage message, string chat = Chat, string? edit = null) =>
        Channel.SendAsync(chat, message, edit, CancellationToken.None);

    [Fact]
    public void It_is_registered_as_the_telegram_channel()
    {
        var channel = Assert.Single(Services.Services.GetServices<IChannel>());

        Assert.Same(Channel, channel);
        Assert.Equal(ChannelKind.Telegram, channel.Kind);
    }

    [Fact]
    public async Task A_sent_message_is_escaped_html_and_reports_its_message_id()
    {
        var first = await Send(OutgoingMessage.Plain("Bijeenkomst <vandaag> om 19:00 & koffie"));
        var second = await Send(OutgoingMessage.Plain("Tot dan"));

        Assert.Equal(new SendResult.Sent("1"), first);
        Assert.Equal(new SendResult.Sent("2"), second);
        var call = Server.CallsTo("sendMessage")[0];
        Assert.Equal("Bijeenkomst &lt;vandaag&gt; om 19:00 &amp; koffie", call.Text("text"));
        // The Bot API reads parse_mode without regard to case; Telegram.Bot sends "Html".
        Assert.Equal("HTML", call.Text("parse_mode"), ignoreCase: true);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, call.Parameters["chat_id"]!.GetValueKind());
        Assert.Null(call.Parameters["reply_markup"]);
    }

    [Fact]
    public async Task A_long_message_goes_in_parts_with_the_buttons_on_the_last()
    {
        var text = string.Join('\n', Enumerable.Repeat(new string('a', 999), 6)); // 5999 characters
        var result = await Send(new OutgoingMessage { Text = text, Choices = [[new Choice("Ok", "ok")]] });

        var calls = Server.CallsTo("sendMessage");
        Assert.Equal(2, calls.Count);
        Assert.Null(calls[0].Parameters["reply_markup"]);
        Assert.Equal("ok", calls[1].Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());
        Assert.Equal(text, calls[0].Text("text") + "\n" + calls[1].Text("text"));
        Assert.Equal(new SendResult.Sent("2"), result);
    }

    [Fact]
    public async Task A_429_is_retry_after_the_seconds_telegram_names()
    {
        Server.RateLimit("sendMessage", Chat, times: 1, retryAfterSeconds: 7);

        var limited = await Send(OutgoingMessage.Plain("Hallo"));
        var next = await Send(OutgoingMessage.Plain("Hallo"));

        var retry = Assert.IsType<SendResult.RetryAfter>(limited);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.Delay);
        // Flood control holds back the bot, not one chat: the dispatcher pauses the whole channel.
        Assert.True(retry.ChannelWide);
        Assert.IsType<SendResult.Sent>(next);
    }

    [Fact]
    public async Task A_429_is_asked_once_because_the_outbox_owns_retries_not_the_library()
    {
        // Telegram.Bot retries a 429 by itself three times unless told not to: that would sleep inside a send while the
        // dispatcher believes the message is in flight, and send against flood control.
        Server.RateLimit("sendMessage", Chat, times: 5, retryAfterSeconds: 1);

        var limited = await Send(OutgoingMessage.Plain("Hallo"));

        Assert.IsType<SendResult.RetryAfter>(limited);
        Assert.Single(Server.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task A_blocked_bot_makes_the_chat_unreachable()
    {
        Server.BlockChat(Chat);

        var result = await Send(OutgoingMessage.Plain("Hallo"));

        Assert.Equal(new SendResult.Unreachable("403 Forbidden: bot was blocked by the user"), result);
    }

    [Theory]
    [InlineData("Bad Request: chat not found")]
    [InlineData("Bad Request: bot was kicked from the supergroup chat")]
    [InlineData("Bad Request: user is deactivated")]
    public async Task A_400_saying_the_chat_is_gone_is_unreachable(string description)
    {
        Server.Fail("sendMessage", 400, description);

        Assert.IsType<SendResult.Unreachable>(await Send(OutgoingMessage.Plain("Hallo")));
    }

    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_is_moved_to_the_new_id()
    {
        Server.MigrateChat("-4001", -1004001);

        var result = Assert.IsType<SendResult.Moved>(await Send(OutgoingMessage.Plain("Hallo"), chat: "-4001"));

        Assert.Equal("-1004001", result.NewChatId);
        Assert.Contains("upgraded to a supergroup", result.Reason);
    }

    [Fact]
    public async Task Another_400_rejects_the_message_only()
    {
        Server.Fail("sendMessage", 400, "Bad Request: BUTTON_DATA_INVALID");

        Assert.Equal(new SendResult.Rejected("400 Bad Request: BUTTON_DATA_INVALID"), await Send(OutgoingMessage.Plain("Hallo")));
    }

    [Fact]
    public async Task A_500_is_transient()
    {
        Server.ServerError("sendMessage", times: 1);

        Assert.IsType<SendResult.Transient>(await Send(OutgoingMessage.Plain("Hallo")));
        Assert.IsType<SendResult.Sent>(await Send(OutgoingMessage.Plain("Hallo")));
    }

    [Fact]
    public async Task An_unreachableServer_is_transient()
    {
        await using var nowhere = new TelegramTestServices(Server, new Dictionary<string, string?> { ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:1" });

        var result = await nowhere.Get<TelegramChannel>().SendAsync(Chat, OutgoingMessage.Plain("Hallo"), null, CancellationToken.None);

        Assert.IsType<SendResult.Transient>(result);
    }

    [Fact]
    public async Task An_edit_replaces_text_and_keyboard_and_an_unchanged_edit_still_counts_as_sent()
    {
        var sent = Assert.IsType<SendResult.Sent>(await Send(new OutgoingMessage { Text = "Kom je?", Choices = [[new Choice("Ja", "yes")]] }));
        var edit = new OutgoingMessage { Text = "Kom je? Jij komt.", EditsOutboxId = 1 };

        var edited = await Send(edit, edit: sent.PlatformMessageId);
        var again = await Send(edit, edit: sent.PlatformMessageId);

        Assert.Equal(sent, edited);
        Assert.Equal(sent, again);
        var calls = Server.CallsTo("editMessageText");
        Assert.Equal(2, calls.Count);
        Assert.Equal(sent.PlatformMessageId, calls[0].Text("message_id"));
        Assert.Equal("Kom je? Jij komt.", calls[0].Text("text"));
        Assert.Null(calls[0].Parameters["reply_markup"]);
        Assert.Single(Server.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task An_edit_without_a_known_platform_message_sends_a_new_message()
    {
        var result = await Send(new OutgoingMessage { Text = "Bijgewerkt", EditsOutboxId = 5 }, edit: null);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Empty(Server.CallsTo("editMessageText"));
        Assert.Single(Server.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task A_photo_is_uploaded_with_the_text_as_caption_and_the_buttons()
    {
        var path = TempFile("foto.jpg", [1, 2, 3, 4]);
        var result = await Send(new OutgoingMessage { Text = "Je melding <1>", PhotoPath = path, Choices = [[new Choice("Klopt", "ok")]] });

        var call = Assert.Single(Server.CallsTo("sendPhoto"));
        Assert.Equal(Chat, call.ChatId);
        Assert.Equal("Je melding &lt;1&gt;", call.Text("caption"));
        // The Bot API reads parse_mode without regard to case; Telegram.Bot sends "Html".
        Assert.Equal("HTML", call.Text("parse_mode"), ignoreCase: true);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, call.Files["photo"]);
        Assert.Equal("attach:foto.jpg", call.Text("photo"));
        Assert.Equal("ok", call.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());
        Assert.Empty(Server.CallsTo("sendMessage"));
        Assert.Equal(new SendResult.Sent("1"), result);
    }

    [Fact]
    public async Task A_photo_with_a_text_too_long_for_a_caption_goes_first_and_the_text_after()
    {
        var path = TempFile("foto.jpg", [9]);
        var text = new string('t', 1025);

        var result = await Send(new OutgoingMessage { Text = text, PhotoPath = path, Choices = [[new Choice("Ok", "ok")]] });

        var photo = Assert.Single(Server.CallsTo("sendPhoto"));
        Assert.Null(photo.Parameters["caption"]);
        Assert.Null(photo.Parameters["reply_markup"]);
        var message = Assert.Single(Server.CallsTo("sendMessage"));
        Assert.Equal(text, message.Text("text"));
        Assert.NotNull(message.Parameters["reply_markup"]);
        Assert.Equal(new SendResult.Sent("2"), result);
    }

    [Fact]
    public async Task A_document_is_uploaded_as_a_document()
    {
        var path = TempFile("bijeenkomst.ics", "BEGIN:VCALENDAR"u8.ToArray());

        Assert.IsType<SendResult.Sent>(await Send(new OutgoingMessage { Text = "In je agenda", DocumentPath = path }));

        var call = Assert.Single(Server.CallsTo("sendDocument"));
        Assert.Equal("BEGIN:VCALENDAR"u8.ToArray(), call.Files["document"]);
        Assert.Equal("In je agenda", call.Text("caption"));
    }

    [Fact]
    public async Task A_missing_file_is_rejected_without_calling_telegram()
    {
        var result = await Send(new OutgoingMessage { Text = "x", PhotoPath = Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid()) });

        Assert.IsType<SendResult.Rejected>(result);
        Assert.Empty(Server.Calls);
    }

    [Theory]
    [InlineData("creator", true)]
    [InlineData("administrator", true)]
    [InlineData("member", false)]
    [InlineData("restricted", false)]
    [InlineData("left", false)]
    public async Task Group_admins_are_creators_and_administrators(string status, bool expected)
    {
        Server.SetChatMemberStatus("-100777", "4242", status);

        Assert.Equal(expected, await Channel.IsGroupAdminAsync("-100777", "4242", CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_member_lookup_is_no_admin()
    {
        Server.Fail("getChatMember", 400, "Bad Request: user not found");

        Assert.False(await Channel.IsGroupAdminAsync("-100777", "4242", CancellationToken.None));
    }

    [Fact]
    public async Task The_group_admin_list_leaves_out_bots()
    {
        Server.SetAdmins("-100777", (4242, "Anna", "creator", false), (9999, "GroupHelpBot", "administrator", true), (5001, "Piet", "administrator", false));

        var admins = await Channel.GetGroupAdminsAsync("-100777", CancellationToken.None);

        Assert.Equal([new Sender("4242", "Anna"), new Sender("5001", "Piet")], admins);
    }

    [Fact]
    public void The_private_chat_link_needs_and_uses_the_bot_username()
    {
        Assert.Throws<InvalidOperationException>(() => Channel.PrivateChatLink("grp_1"));

        Services.Get<TelegramBotIdentity>().Username = "buurtkracht_bot";

        Assert.Equal("https://t.me/buurtkracht_bot?start=grp_1-a", Channel.PrivateChatLink("grp_1-a"));
    }

    [Fact]
    public async Task A_photo_downloads_up_to_the_size_cap()
    {
        Server.AddFile("small", [1, 2, 3]);
        Server.AddFile("huge", new byte[11 * 1024 * 1024]);
        using var small = new MemoryStream();

        Assert.Equal(3, await Channel.DownloadPhotoAsync("small", small, CancellationToken.None));
        Assert.Equal(new byte[] { 1, 2, 3 }, small.ToArray());
        await Assert.ThrowsAsync<InvalidDataException>(() => Channel.DownloadPhotoAsync("huge", Stream.Null, CancellationToken.None));
    }

    private static string TempFile(string name, byte[] content)
    {
        var folder = Directory.CreateTempSubdirectory("tg-test-");
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
