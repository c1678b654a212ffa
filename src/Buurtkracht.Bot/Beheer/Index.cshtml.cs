namespace Buurtkracht.Bot.Beheer;

/// <summary>The overview: the digest's figures per buurt and for the whole village.</summary>
public sealed class IndexModel : BeheerPageModel
{
    public void OnGet()
    {
    }
}
