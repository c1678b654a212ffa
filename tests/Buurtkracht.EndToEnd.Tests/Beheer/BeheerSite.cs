using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.WebChat;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>
/// The dashboard as a coördinator or moderator sees it: the real service on a loopback port (or a given host, for
/// example one polling a fake Bot API) and Debian's chromium driven by Playwright.
/// </summary>
public sealed partial class BeheerSite : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly bool _ownsHost;

    private BeheerSite(BotHost host, bool ownsHost, IPlaywright playwright, IBrowser browser, Uri baseAddress)
    {
        Host = host;
        _ownsHost = ownsHost;
        _playwright = playwright;
        _browser = browser;
        BaseAddress = baseAddress;
    }

    public BotHost Host { get; }
    public Uri BaseAddress { get; }

    /// <summary>Starts the browser against <paramref name="host"/> (which must use Kestrel), or a new plain host.</summary>
    public static async Task<BeheerSite> StartAsync(BotHost? host = null)
    {
        if (!File.Exists(WebChatBrowser.ChromiumPath))
            Assert.Fail($"{WebChatBrowser.ChromiumPath} is missing. The browser tests use Debian's chromium; run .ci/run, which installs it.");
        Assertions.SetDefaultExpectTimeout(20_000);

        var ownsHost = host is null;
        host ??= new BotHost(kestrel: true);
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address: give the BotHost kestrel: true.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = WebChatBrowser.ChromiumPath,
            Headless = true,
            Args = WebChatBrowser.ChromiumArgs,
        });
        return new BeheerSite(host, ownsHost, playwright, browser, new Uri(address));
    }

    /// <summary>A fresh browser profile (its own cookies), as another person on another computer.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "nl-NL",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    /// <summary>A member with a role, stored directly: how a coördinator or moderator exists before the test starts.</summary>
    public Task<int> MemberWithRoleAsync(string userId, string name, Role role, int? groupId = null,
        ChannelKind channel = ChannelKind.Telegram, string language = Languages.Dutch) =>
        Host.MemberWithRoleAsync(userId, name, role, groupId, channel, language);

    /// <summary>A one-time login link for the member, made by the service's own link issuer.</summary>
    public async Task<string> LoginLinkAsync(int memberId) => Url(await Host.BeheerLoginPathAsync(memberId));

    /// <summary>A new browser profile logged in as the member, on the overview.</summary>
    public async Task<IPage> LoginAsAsync(int memberId, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync(await LoginLinkAsync(memberId));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        if (_ownsHost) await Host.DisposeAsync();
    }
}
