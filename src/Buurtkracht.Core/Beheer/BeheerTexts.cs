using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Beheer;

/// <summary>What the bot says about the dashboard.</summary>
public static class BeheerTexts
{
    public static readonly TextKey Description = new("Beheer.Description");

    public static readonly TextKey YourLink = new("Beheer.YourLink");

    public static readonly TextKey OpenButton = new("Beheer.OpenButton");

    public static readonly TextKey NotForYou = new("Beheer.NotForYou");
}
