using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReflectBot.Web.Tests.Deployment;

/// <summary>
/// The Teams manifest is only checked by Teams at upload time, so these tests catch what would
/// make an upload fail or show people something wrong, before anyone tries.
/// </summary>
public sealed partial class TeamsManifestTests
{
    private static readonly Lazy<JsonObject> ManifestJson = new(() =>
        JsonNode.Parse(File.ReadAllText(RepoFiles.Teams("manifest.json")))!.AsObject());

    private static JsonObject Manifest => ManifestJson.Value;

    [GeneratedRegex(@"^https://developer\.microsoft\.com/json-schemas/teams/v(?<version>\d+\.\d+)/MicrosoftTeams\.schema\.json$")]
    private static partial Regex SchemaUrl();

    [GeneratedRegex(@"^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColour();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();

    [Fact]
    public void Manifest_is_valid_json()
    {
        var text = File.ReadAllText(RepoFiles.Teams("manifest.json"));
        using var document = JsonDocument.Parse(text); // throws with line and position on a syntax error
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    [Fact]
    public void Schema_url_and_manifestVersion_name_the_same_version()
    {
        var schema = Str(Manifest, "$schema");
        var match = SchemaUrl().Match(schema);
        Assert.True(match.Success, $"$schema is not a Teams manifest schema URL: {schema}");
        Assert.Equal(match.Groups["version"].Value, Str(Manifest, "manifestVersion"));

        // 1.19 was the oldest version still called current while this was written; older ones lack newer fields.
        var version = Version.Parse(Str(Manifest, "manifestVersion"));
        Assert.True(version >= new Version(1, 19), $"manifestVersion {version} is older than 1.19");
    }

    [Fact]
    public void Required_top_level_fields_are_present()
    {
        foreach (var field in new[] { "manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor", "bots" })
        {
            Assert.True(Manifest.ContainsKey(field), $"manifest.json has no '{field}'");
        }

        Assert.Matches(SemVer(), Str(Manifest, "version"));
    }

    [Fact]
    public void App_and_bot_ids_are_placeholders_the_packaging_script_fills()
    {
        // A real id committed here would tie every deployment to one registration.
        Assert.Equal("${{TEAMS_APP_ID}}", Str(Manifest, "id"));
        Assert.Equal("${{BOT_ID}}", Str(Bot(), "botId"));
    }

    [Fact]
    public void Developer_has_a_name_and_https_links()
    {
        var developer = Manifest["developer"]!.AsObject();
        var name = Str(developer, "name");
        Assert.InRange(name.Length, 1, 32);
        foreach (var link in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", Str(developer, link), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Names_fit_what_Teams_shows()
    {
        var name = Manifest["name"]!.AsObject();
        Assert.Equal("ReflectBot", Str(name, "short"));
        Assert.InRange(Str(name, "short").Length, 1, 30);
        Assert.InRange(Str(name, "full").Length, 1, 100);
    }

    [Fact]
    public void Descriptions_fit_their_limits()
    {
        var description = Manifest["description"]!.AsObject();
        Assert.InRange(Str(description, "short").Length, 1, 80);
        Assert.InRange(Str(description, "full").Length, 1, 4000);
    }

    [Fact]
    public void Full_description_says_it_is_not_a_therapist_or_an_emergency_service()
    {
        var full = Str(Manifest["description"]!.AsObject(), "full");
        Assert.Contains("not a therapist", full, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("emergency service", full, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("emergency number", full, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AccentColor_is_a_hex_colour()
    {
        Assert.Matches(HexColour(), Str(Manifest, "accentColor"));
    }

    [Fact]
    public void Icons_exist_at_the_sizes_Teams_requires()
    {
        var icons = Manifest["icons"]!.AsObject();
        var colour = File.ReadAllBytes(RepoFiles.Teams(Str(icons, "color")));
        var outline = File.ReadAllBytes(RepoFiles.Teams(Str(icons, "outline")));

        Assert.Equal((192, 192), PngImage.ReadSize(colour));
        Assert.Equal((32, 32), PngImage.ReadSize(outline));
    }

    [Fact]
    public void Outline_icon_is_white_on_transparent_only()
    {
        var outline = PngImage.Decode(File.ReadAllBytes(RepoFiles.Teams(Str(Manifest["icons"]!.AsObject(), "outline"))));

        var offending = outline.Pixels()
            .Where(p => p.A != 0 && (p.R, p.G, p.B) != (255, 255, 255))
            .Take(5)
            .Select(p => $"({p.X},{p.Y})=#{p.R:X2}{p.G:X2}{p.B:X2} alpha {p.A}")
            .ToList();
        Assert.True(offending.Count == 0, "visible pixels that are not white: " + string.Join(", ", offending));

        // An icon that is all transparent passes the colour rule but shows nothing.
        var opaque = outline.Pixels().Count(p => p.A == 255);
        var transparent = outline.Pixels().Count(p => p.A == 0);
        Assert.True(opaque >= 50, $"only {opaque} solid white pixels; the mark would be invisible");
        Assert.True(transparent >= 32 * 32 / 2, $"only {transparent} transparent pixels; the background must be transparent");
    }

    [Fact]
    public void Colour_icon_is_teal_on_white()
    {
        var colour = PngImage.Decode(File.ReadAllBytes(RepoFiles.Teams(Str(Manifest["icons"]!.AsObject(), "color"))));

        Assert.All(colour.Pixels(), p => Assert.Equal(255, p.A)); // Teams puts it on varied backgrounds
        Assert.Equal((255, 255, 255, 255), colour[0, 0]);
        Assert.Equal((255, 255, 255, 255), colour[191, 191]);
        var teal = colour.Pixels().Count(p => (p.R, p.G, p.B) == (0x1F, 0x7A, 0x7A));
        Assert.True(teal > 192 * 192 / 10, $"only {teal} pixels of teal #1F7A7A");
    }

    [Fact]
    public void Bot_is_for_personal_chat_only_without_files()
    {
        var bot = Bot();
        var scopes = bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray();
        Assert.Equal(["personal"], scopes);
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
        Assert.Single(Manifest["bots"]!.AsArray());
    }

    [Fact]
    public void Command_menu_offers_help_menu_start_over_and_delete_my_data()
    {
        var lists = Bot()["commandLists"]!.AsArray();
        var personal = Assert.Single(lists)!.AsObject();
        Assert.Equal(["personal"], personal["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray());

        var commands = personal["commands"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var titles = commands.Select(c => Str(c, "title")).ToList();
        foreach (var expected in new[] { "help", "menu", "start over", "delete my data" })
        {
            Assert.Contains(expected, titles, StringComparer.OrdinalIgnoreCase);
        }

        Assert.All(commands, c =>
        {
            Assert.InRange(Str(c, "title").Length, 1, 32);
            Assert.InRange(Str(c, "description").Length, 1, 128);
        });
    }

    [Fact]
    public void Valid_domains_list_the_bot_host()
    {
        var domains = Manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains("${{BOT_DOMAIN}}", domains);
        Assert.All(domains, d => Assert.DoesNotContain("://", d, StringComparison.Ordinal));
    }

    private static JsonObject Bot() => Manifest["bots"]!.AsArray()[0]!.AsObject();

    private static string Str(JsonObject node, string name)
    {
        Assert.True(node.ContainsKey(name), $"missing '{name}'");
        return node[name]!.GetValue<string>();
    }
}
