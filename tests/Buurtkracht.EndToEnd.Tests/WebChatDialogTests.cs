using Buurtkracht.EndToEnd.Tests.Infrastructure;

namespace Buurtkracht.EndToEnd.Tests;

public sealed class WebChatDialogTests
{
    [Fact]
    public async Task Start_in_private_chat_gives_a_welcome_by_first_name()
    {
        await using var host = new BotHost();
        var chat = new WebChatClient(await host.StartAsync(), "anna", userName: "Anna de Vries");

        var replies = await chat.SayAsync("/start");

        var text = Assert.Single(replies).GetProperty("text").GetString();
        Assert.StartsWith("Hoi Anna!", text);
        Assert.Contains("/help", text);
    }
}
