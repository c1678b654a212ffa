using System.Net;
using System.Security.Cryptography;
using System.Text;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Beheer;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

public sealed class BeheerCliTests
{
    [Fact]
    public async Task Beheer_link_prints_a_one_time_link_that_opens_a_session_once_and_is_audited()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        Assert.Equal(0, (await bed.RunAsync("roles", "grant", "--member", "telegram:1001", "--role", "coordinator")).ExitCode);

        var result = await bed.RunAsync("beheer", "link", "--member", "telegram:1001");

        Assert.True(result.ExitCode == 0, result.ToString());
        var link = result.Stdout.Split('\n')[0].Trim();
        Assert.Matches("^http://localhost:5000/beheer/login/[A-Za-z0-9_-]{43}$", link);
        Assert.Contains("It works once, for 10 minutes", result.Stdout);
        await using (var db = await bed.OpenDbAsync())
        {
            var audit = await db.Set<AuditEntry>().SingleAsync(a => a.Action == AuditActions.BeheerLinkIssued);
            Assert.Equal(("cli", "telegram:1001"), (audit.Actor, audit.Subject));
            // Only the token's SHA-256 is stored.
            var token = link[(link.LastIndexOf('/') + 1)..];
            var stored = await db.Set<BeheerLoginToken>().SingleAsync();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.TokenHash);
        }

        await using var host = new BotHost(Path.GetDirectoryName(bed.DatabasePath));
        await host.StartAsync();
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var path = new Uri(link).AbsolutePath;
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/beheer")).StatusCode);
        var second = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/beheer")).StatusCode);
    }

    [Fact]
    public async Task Beheer_link_refuses_a_member_without_a_role_and_an_unknown_member()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();

        (await bed.RunAsync("beheer", "link", "--member", "telegram:1002")).AssertFailedWith("telegram:1002 holds no role", "roles grant");
        (await bed.RunAsync("beheer", "link", "--member", "telegram:424242")).AssertFailedWith("No member telegram:424242");

        await using var db = await bed.OpenDbAsync();
        Assert.Empty(db.Set<BeheerLoginToken>());
    }
}
