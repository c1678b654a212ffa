using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Members;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>Access rules and upload checks of /beheer/activiteiten and /beheer/omroep, over HTTP.</summary>
public sealed class BeheerActiviteitenOmroepAccessTests
{
    [Fact]
    public async Task A_moderator_gets_403_on_both_pages_and_their_posts()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var moderator = await host.MemberWithRoleAsync("7301", "Mo", Role.Moderator);
        var client = await host.BeheerClientAsync(moderator);
        var token = await client.AntiforgeryTokenAsync("/beheer");
        Assert.NotEmpty(token);

        foreach (var path in new[]
                 {
                     "/beheer/activiteiten", "/beheer/activiteiten/plannen", "/beheer/activiteiten/programma", "/beheer/activiteiten/activiteit/1",
                     "/beheer/activiteiten/datum/1", "/beheer/omroep", "/beheer/omroep/rapport/1", "/beheer/omroep/rapport/1?handler=Counts",
                 })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);

        foreach (var path in new[]
                 {
                     "/beheer/activiteiten/plannen", "/beheer/activiteiten/programma?handler=Import", "/beheer/activiteiten/activiteit/1?handler=Cancel",
                     "/beheer/omroep?handler=Send", "/beheer/omroep?handler=Withdraw",
                 })
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Input.Text"] = "Hallo allemaal", ["Input.Audience"] = "alle", ["broadcastId"] = "1",
            }));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        await using var db = host.OpenDb();
        Assert.Equal(0, await db.Set<Broadcast>().CountAsync());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400_and_stores_nothing()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var client = await host.BeheerClientAsync(await host.MemberWithRoleAsync("7302", "Carla", Role.Coordinator));

        var plan = await client.PostAsync("/beheer/activiteiten/plannen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Snoeiochtend", ["Input.Date"] = "2099-06-12", ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "12:00",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        var send = await client.PostAsync("/beheer/omroep?handler=Send", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Text"] = "Hallo allemaal", ["Input.Audience"] = "alle",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, send.StatusCode);
        await using var db = host.OpenDb();
        Assert.Equal(0, await db.Events.CountAsync());
        Assert.Equal(0, await db.Set<Broadcast>().CountAsync());
    }

    [Fact]
    public async Task An_oversized_or_non_image_photo_and_an_oversized_or_non_yaml_programme_are_refused_with_a_clear_message_and_nothing_is_stored()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var client = await host.BeheerClientAsync(await host.MemberWithRoleAsync("7303", "Carla", Role.Coordinator));
        var photoFolder = Path.Combine(host.DataFolder, "omroep");

        async Task<string> PreviewAsync(byte[] photo, string name, string type)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(await client.AntiforgeryTokenAsync("/beheer/omroep")), "__RequestVerificationToken" },
                { new StringContent("alle"), "Input.Audience" },
                { new StringContent("Zaterdag snoeien we samen."), "Input.Text" },
            };
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "photo", name);
            var response = await client.PostAsync("/beheer/omroep?handler=Preview", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        // Named and declared as a JPEG, but the content is a script.
        var script = await PreviewAsync(Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "foto.jpg", "image/jpeg");
        Assert.Contains("Dit bestand is geen foto. Kies een JPEG- of PNG-foto.", script);
        Assert.DoesNotContain("Zo zien de bewoners je bericht", script);
        var large = new byte[BroadcastPhotos.MaxBytes + 1];
        BeheerOmroepTests.Png.CopyTo(large, 0);
        Assert.Contains("Deze foto is te groot. Een foto is hoogstens 10 MB.", await PreviewAsync(large, "groot.png", "image/png"));
        Assert.False(Directory.Exists(photoFolder) && Directory.EnumerateFiles(photoFolder).Any());

        // A real PNG passes and is stored once.
        Assert.Contains("Zo zien de bewoners je bericht", await PreviewAsync(BeheerOmroepTests.Png, "foto.png", "image/png"));
        Assert.Single(Directory.EnumerateFiles(photoFolder), f => f.EndsWith(".png", StringComparison.Ordinal));

        async Task<string> CheckAsync(byte[] content, string name)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(await client.AntiforgeryTokenAsync("/beheer/activiteiten/programma")), "__RequestVerificationToken" },
                { new ByteArrayContent(content), "file", name },
            };
            var response = await client.PostAsync("/beheer/activiteiten/programma?handler=Check", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }
        var yaml = "events:\n  - id: a\n    title: Schouw\n    dates:\n      - start: 2099-06-12 10:00\n";
        Assert.Contains("Dit is geen YAML-bestand", await CheckAsync(Encoding.UTF8.GetBytes(yaml), "programma.txt"));
        Assert.Contains("Dit bestand is te groot. Een programma is hoogstens 256 kB.",
            await CheckAsync(Encoding.UTF8.GetBytes(yaml + "# " + new string('x', 256 * 1024)), "programma.yaml"));
        Assert.Contains("Dit bestand is geen tekst", await CheckAsync([0x00, 0xFF, 0xFE, 0x01], "programma.yaml"));
        await using var db = host.OpenDb();
        Assert.Equal(0, await db.Events.CountAsync());
    }
}
