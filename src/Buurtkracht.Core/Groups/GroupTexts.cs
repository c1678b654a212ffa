using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Groups;

internal static class GroupTexts
{
    public static readonly LocalText Greeting = new(
        "Hallo allemaal! Ik ben de bot van Buurtkracht Alblasserdam. Ik herinner jullie aan activiteiten in de buurt " +
        "en help bij meldingen over wat kapot, vies of onveilig is.\n\n" +
        "Een beheerder van deze groep kan mij koppelen aan jullie buurt: typ /koppel.",
        "Hello everyone! I am the Buurtkracht Alblasserdam bot. I remind you of activities in the neighbourhood " +
        "and help you report things that are broken, dirty or unsafe.\n\n" +
        "An admin of this group can link me to your neighbourhood: type /koppel.");

    public static readonly LocalText LinkDescription = new("Koppel deze groep aan een buurt (voor beheerders)", "Link this group to a neighbourhood (admins)");

    public static readonly LocalText OnlyAdmins = new(
        "Alleen een beheerder van deze groep kan de groep koppelen. Vraag een van de beheerders om /koppel te typen.",
        "Only an admin of this group can link it. Ask one of the admins to type /koppel.");

    public static readonly LocalText AdminCheckFailed = new(
        "Ik kan nu niet nagaan of je beheerder bent. Probeer het over een paar minuten nog eens.",
        "I can't check right now whether you are an admin. Please try again in a few minutes.");

    public static readonly LocalText ChooseBuurt = new("Bij welke buurt hoort deze groep?", "Which neighbourhood does this group belong to?");

    public static readonly LocalText ChooseBuurtRelink = new(
        "Deze groep is nu gekoppeld aan {0}. Kies een buurt om dat te veranderen.",
        "This group is now linked to {0}. Choose a neighbourhood to change that.");

    public static readonly LocalText OtherBuurt = new("Andere buurt", "Other neighbourhood");

    public static readonly LocalText AskBuurtName = new(
        "Hoe heet jullie buurt? {0}",
        "What is your neighbourhood called? {0}");

    public static readonly LocalText BuurtNameInvalid = new(
        "Een buurtnaam heeft 2 tot 60 tekens.",
        "A neighbourhood name has 2 to 60 characters.");

    public static readonly LocalText AskStreets = new(
        "Welke straten horen bij deze groep? Stuur de straatnamen met komma's ertussen. {0} " +
        "Wil je dit niet invullen? Kies dan Overslaan.",
        "Which streets does this group cover? Send the street names separated by commas. {0} " +
        "Don't want to fill this in? Choose Skip.");

    /// <summary>
    /// How to answer a question in a group: Telegram opens a reply box on the question; Teams passes a group message to
    /// the bot when it mentions the bot (the buttons on the card work without).
    /// </summary>
    public static LocalText ReplyHint(ChannelKind channel) => channel switch
    {
        ChannelKind.Telegram => ReplyHintTelegram,
        ChannelKind.Teams => ReplyHintTeams,
        _ => ReplyHintPlain,
    };

    private static readonly LocalText ReplyHintTelegram = new("Stuur het als antwoord op dit bericht.", "Send it as a reply to this message.");

    private static readonly LocalText ReplyHintTeams = new(
        "Zet @Buurtkracht voor je bericht, dan ziet de bot het.",
        "Put @Buurtkracht in front of your message, so the bot sees it.");

    private static readonly LocalText ReplyHintPlain = new("Typ het hieronder.", "Type it below.");

    public static readonly LocalText Skip = new("Overslaan", "Skip");

    public static readonly LocalText StreetsUnknown = new(
        "Deze straten ken ik niet in {0}: {1}. Kijk of ze goed gespeld zijn en stuur alle straten opnieuw.",
        "I don't know these streets in {0}: {1}. Check the spelling and send all the streets again.");

    public static readonly LocalText StreetsInvalid = new(
        "Dat kan ik niet lezen als straatnamen. Stuur bijvoorbeeld: Pieter de Hooghstraat, Rembrandtstraat (hoogstens 30 straten).",
        "I can't read that as street names. Send for example: Pieter de Hooghstraat, Rembrandtstraat (at most 30 streets).");

    public static readonly LocalText Linked = new(
        "Gelukt! Deze groep is nu gekoppeld aan {0}.",
        "Done! This group is now linked to {0}.");

    public static readonly LocalText AlreadyModerator = new(
        "Je was al beheerder van deze groep in de bot; dat blijft zo.",
        "You already were a moderator of this group in the bot; that stays as it is.");

    public static readonly LocalText LinkedStreets = new("Straten: {0}.", "Streets: {0}.");

    public static readonly LocalText BuurtNameReserved = new(
        "Die naam is al in gebruik voor iets anders. Kies een andere naam.",
        "That name is already used for something else. Choose another name.");

    public static readonly LocalText ProposalPending = new(
        "{0} is nieuw. Een coördinator van Buurtkracht kijkt er nog naar; tot dan zien andere groepen deze buurt niet.",
        "{0} is new. A Buurtkracht coordinator will look at it; until then other groups don't see this neighbourhood.");

    public static readonly LocalText ProposalRejected = new(
        "De buurt {0} is niet goedgekeurd. Deze groep is nu niet gekoppeld. Een beheerder kan met /koppel een buurt kiezen.",
        "The neighbourhood {0} was not approved. This group is not linked now. An admin can choose a neighbourhood with /koppel.");

    public static readonly LocalText ProposalMerged = new(
        "Deze groep is nu gekoppeld aan {0}: dat is dezelfde buurt als jullie voorstel.",
        "This group is now linked to {0}: that is the same neighbourhood as your proposal.");

    public static readonly LocalText DemoLinked = new(
        "Dit is de demogroep: hij hoort bij de Demobuurt. Zo zie je hoe koppelen werkt, zonder echte buurt of rol.",
        "This is the demo group: it belongs to the Demobuurt. This shows how linking works, without a real neighbourhood or role.");
}
