using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Buurtkracht.Teams.Tests;

/// <summary>
/// bot-manifests/teams beyond what the schema can say (see <see cref="TeamsManifestSchemaTests"/> for the schema itself):
/// the values this bot needs (manifestVersion 1.25, the three bot scopes, https developer links) and the icons' real
/// PNG sizes.
/// </summary>
public sealed class TeamsManifestTests
{
    private static readonly Regex Guid = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static readonly string[] BotScopes = ["team", "personal", "groupChat"];

    private static string Folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("solution root"), "bot-manifests", "teams");
    }

    private static JsonElement Manifest() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(), "manifest.json"))).RootElement;

    [Fact]
    public void The_manifest_has_what_schema_1_17_requires()
    {
        var m = Manifest();
        Assert.Equal("1.25", m.GetProperty("manifestVersion").GetString());
        Assert.Matches(Guid, m.GetProperty("id").GetString()!);
        Assert.Matches(@"^\d+\.\d+\.\d+$", m.GetProperty("version").GetString()!);
        var developer = m.GetProperty("developer");
        Assert.InRange(developer.GetProperty("name").GetString()!.Length, 1, 32);
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
            Assert.StartsWith("https://", developer.GetProperty(url).GetString());
        Assert.InRange(m.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(m.GetProperty("name").GetProperty("full").GetString()!.Length, 1, 100);
        Assert.InRange(m.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(m.GetProperty("description").GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.Matches("^#[0-9a-fA-F]{6}$", m.GetProperty("accentColor").GetString()!);
        Assert.All(m.GetProperty("permissions").EnumerateArray(), p => Assert.Contains(p.GetString(), new[] { "identity", "messageTeamMembers" }));
        Assert.Matches(Guid, m.GetProperty("webApplicationInfo").GetProperty("id").GetString()!);
    }

    [Fact]
    public void The_bot_is_in_personal_team_and_group_chat_with_valid_command_lists()
    {
        var bot = Assert.Single(Manifest().GetProperty("bots").EnumerateArray());
        Assert.Matches(Guid, bot.GetProperty("botId").GetString()!);
        Assert.Equal(BotScopes.Order(), bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
        var lists = bot.GetProperty("commandLists").EnumerateArray().ToList();
        Assert.InRange(lists.Count, 1, 3);
        foreach (var list in lists)
        {
            Assert.All(list.GetProperty("scopes").EnumerateArray(), s => Assert.Contains(s.GetString(), BotScopes));
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.InRange(commands.Count, 1, 10);
            Assert.All(commands, c =>
            {
                Assert.InRange(c.GetProperty("title").GetString()!.Length, 1, 32);
                Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 128);
            });
        }
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void The_icons_are_pngs_of_the_required_size(string file, int size)
    {
        var manifestIcons = Manifest().GetProperty("icons");
        Assert.Equal(file, manifestIcons.GetProperty(file.Replace(".png", "")).GetString());
        var bytes = File.ReadAllBytes(Path.Combine(Folder(), file));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}

/// <summary>The manifest against the official v1.25 schema file (see schemas/README.md), with NJsonSchema.</summary>
public sealed class TeamsManifestSchemaTests
{
    private static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "schemas", "MicrosoftTeams.v1.25.schema.json");

    private static string ManifestText()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, "bot-manifests", "teams", "manifest.json"));
    }

    [Fact]
    public async Task The_manifest_is_valid_against_the_official_schema()
    {
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(SchemaPath);

        var errors = schema.Validate(ManifestText());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_schema_check_catches_a_broken_manifest()
    {
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(SchemaPath);
        var broken = System.Text.Json.Nodes.JsonNode.Parse(ManifestText())!.AsObject();
        broken.Remove("accentColor");
        broken["bots"]![0]!["scopes"] = new System.Text.Json.Nodes.JsonArray("personal", "meetings");
        broken["unknownProperty"] = true;

        var errors = schema.Validate(broken.ToJsonString());

        Assert.Contains(errors, e => e.Kind == NJsonSchema.Validation.ValidationErrorKind.PropertyRequired && e.Property == "accentColor");
        Assert.Contains(errors, e => e.Kind == NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed);
        Assert.Contains(errors, e => e.Path?.Contains("bots") == true);
    }
}
