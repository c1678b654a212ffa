using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Tests;

/// <summary>Commands typed in the middle of a dialog, and plain wishes typed instead of a command.</summary>
public sealed class IntentTests : HarnessTests
{
    [Fact]
    public async Task Help_in_the_middle_of_a_melding_answers_and_asks_the_same_question_again()
    {
        await H.PrivateAsync(Anna, "/melding");

        var help = await H.PrivateAsync(Anna, "/help");

        Assert.StartsWith(MemberTexts.HelpIntro.Nl, help.Texts[0]);
        Assert.Equal(MeldingTexts.AskTheme.Nl, help.Last.Text);
        // The dialog is still there: its buttons still count.
        var next = await H.PrivateAsync(Anna, new ChoiceContent(help.Last.Choices[0][0].Data));
        Assert.Equal(MeldingTexts.AskCategory.Nl, next.Last.Text);
    }

    [Fact]
    public async Task Another_command_in_the_middle_of_a_dialog_says_that_the_dialog_stopped()
    {
        await H.PrivateAsync(Anna, "/melding");

        var language = await H.PrivateAsync(Anna, "/taal");

        Assert.Equal(ConversationTexts.StoppedForCommand.Nl, language.Texts[0]);
        Assert.Equal(2, language.Texts.Count);
    }

    [Theory]
    [InlineData("ik wil iets melden", "/melding")]
    [InlineData("De lamp is kapot", "/melding")]
    [InlineData("Vragenlijst", "/vragenlijst")]
    [InlineData("andere taal graag", "/taal")]
    [InlineData("I want to report something", "/melding")]
    public async Task A_plain_wish_gets_the_right_command_as_a_button_that_runs_it(string typed, string command)
    {
        var turn = await H.PrivateAsync(Anna, typed);

        Assert.Equal(ConversationTexts.OfferCommand.In("nl", command), turn.Last.Text);
        var button = Assert.Single(turn.Last.Choices.SelectMany(row => row));
        Assert.Equal(command, button.Label);

        var pressed = await H.PrivateAsync(Anna, new ChoiceContent(button.Data));
        Assert.NotEqual(ConversationTexts.ButtonExpired.Nl, pressed.Last.Text);
        if (command == "/melding") Assert.Equal(MeldingTexts.AskTheme.Nl, pressed.Last.Text);
    }

    [Fact]
    public async Task Help_and_stop_typed_outside_a_dialog_are_answered_directly()
    {
        Assert.StartsWith(MemberTexts.HelpIntro.Nl, (await H.PrivateAsync(Anna, "help")).Last.Text);
        Assert.Equal([ConversationTexts.NothingToStop.Nl], (await H.PrivateAsync(Anna, "stop")).Texts);
        Assert.Equal([ConversationTexts.NothingToStop.Nl], (await H.PrivateAsync(Anna, "/stop")).Texts);
    }

    [Fact]
    public async Task A_resident_asking_for_activities_is_pointed_to_the_street_group()
    {
        Assert.Equal([ConversationTexts.ActivitiesInTheGroup.Nl], (await H.PrivateAsync(Anna, "activiteiten?")).Texts);
    }

    [Fact]
    public async Task A_long_story_is_not_taken_for_a_command()
    {
        var story = "Gisteren liep ik langs de speeltuin en toen zag ik dat er iets kapot was, maar ik weet niet precies wat het was.";
        Assert.Equal([ConversationTexts.NotUnderstood.Nl], (await H.PrivateAsync(Anna, story)).Texts);
    }

    [Fact]
    public async Task A_command_button_in_a_group_does_not_run_a_private_command_there()
    {
        var turn = await H.GroupAsync(Anna, new ChoiceContent($"{Intents.ChoicePrefix}:melding"));
        Assert.DoesNotContain(turn.Texts, t => t == MeldingTexts.AskTheme.Nl);
    }
}
