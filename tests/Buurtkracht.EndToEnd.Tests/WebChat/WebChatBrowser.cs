using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Buurtkracht.EndToEnd.Tests.WebChat;

/// <summary>
/// The real service on a loopback port and Debian's chromium in a fresh profile, driven by Playwright. Playwright's own
/// browser download is not possible here, so the system chromium is the one browser, installed by .ci/run.
/// </summary>
public sealed class WebChatBrowser(BotHost host, IPlaywright playwright, IBrowserContext context, IPage page, Uri baseAddress)
    : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How every browser test starts Debian's chromium: headless in a container, nothing fetched from outside.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public IPage Page { get; } = page;
    public IBrowserContext Context => context;
    public BotHost Host => host;
    public Uri BaseAddress { get; } = baseAddress;

    /// <param name="settings">Configuration on top of the host's defaults (a fake geocoder, a tile server).</param>
    /// <param name="browser">Further launch options, such as a granted permission and a fixed geolocation.</param>
    public static async Task<WebChatBrowser> StartAsync(int viewportWidth = 1280, int viewportHeight = 800,
        IDictionary<string, string?>? settings = null, Action<BrowserTypeLaunchPersistentContextOptions>? browser = null)
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"{ChromiumPath} is missing. The browser tests use Debian's chromium; run .ci/run, which installs it (apt-get install chromium).");

        // Replies travel through the outbox dispatcher and a long poll; on a busy 2-core runner that can take seconds.
        Assertions.SetDefaultExpectTimeout(20_000);

        var host = new BotHost(settings: settings, kestrel: true);
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var options = new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                ViewportSize = new ViewportSize { Width = viewportWidth, Height = viewportHeight },
                Locale = "nl-NL",
            };
            browser?.Invoke(options);
            var context = await playwright.Chromium.LaunchPersistentContextAsync(ProfileFolder(host), options);
            context.SetDefaultTimeout(20_000);
            var page = context.Pages.FirstOrDefault() ?? await context.NewPageAsync();
            return new WebChatBrowser(host, playwright, context, page, new Uri(address));
        }
        catch
        {
            playwright?.Dispose();
            await host.DisposeAsync();
            throw;
        }
    }

    private static string ProfileFolder(BotHost host) => Path.Combine(host.DataFolder, "chromium-profile");

    public Task<IResponse?> OpenAsync(string pathAndQuery = "/chat") => Page.GotoAsync(new Uri(BaseAddress, pathAndQuery).ToString());

    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name });

    /// <summary>The message list of "private" or "group".</summary>
    public ILocator Panel(string chat) => Page.Locator($"#panel-{chat}");

    public ILocator BotMessages(string chat) => Panel(chat).Locator("li.bot");

    public ILocator UserMessages(string chat) => Panel(chat).Locator("li.user");

    /// <summary>Types into the message box (labelled "Bericht" in Dutch, or <paramref name="label"/>) and presses Enter, as a person would.</summary>
    public async Task SayAsync(string text, string label = "Bericht")
    {
        var box = Page.GetByRole(AriaRole.Textbox, new() { Name = label });
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
        // The host keeps its data folder for restart tests; a browser profile is tens of megabytes nobody reads again.
        try { Directory.Delete(ProfileFolder(host), recursive: true); }
        catch (IOException) { }
    }
}
