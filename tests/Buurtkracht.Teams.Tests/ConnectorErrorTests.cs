namespace Buurtkracht.Teams.Tests;

/// <summary>A Bot Connector error may quote the conversation id or the activity; only its code is kept for LastError and the log.</summary>
public sealed class ConnectorErrorTests
{
    [Theory]
    [InlineData("""{"error":{"code":"ConversationNotFound","message":"Conversation 19:anna-private@thread.v2 not found"}}""", "ConversationNotFound")]
    [InlineData("""{"error":{"code":"BadArgument","message":"Activity text 'Hoi Anna, bel 06-12345678' is invalid"}}""", "BadArgument")]
    [InlineData("""{"error":{"code":"has spaces: Anna","message":"x"}}""", "")]
    [InlineData("Internal error for conversation 19:anna@thread.v2", "")]
    [InlineData("", "")]
    public void Only_the_error_code_of_a_connector_answer_is_kept(string body, string expected) =>
        Assert.Equal(expected, ConnectorClient.ErrorCode(body));
}
