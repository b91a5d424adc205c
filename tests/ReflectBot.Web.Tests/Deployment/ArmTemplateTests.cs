using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReflectBot.Web.Tests.Deployment;

/// <summary>
/// ARM only reports a broken template when someone deploys it, minutes in. These checks catch the
/// usual breakages first: JSON errors, names referenced but never declared (or declared and
/// forgotten), secrets passed as plain strings, and a missing piece of the bot's infrastructure.
/// </summary>
public sealed partial class ArmTemplateTests
{
    private const string MainTemplate = "azuredeploy.json";

    [GeneratedRegex(@"\bparameters\(\s*'(?<name>[^']*)'\s*\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"\bvariables\(\s*'(?<name>[^']*)'\s*\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex ContentVersion();

    [GeneratedRegex(@"secret|password", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLookingName();

    public static TheoryData<string> Templates() => new(TemplateFileNames());

    // Every ARM template in the folder, so a template added later is checked too.
    private static IEnumerable<string> TemplateFileNames() =>
        Directory.GetFiles(RepoFiles.AzureDirectory, "*.json")
            .Where(path => !path.EndsWith(".parameters.json", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    [Fact]
    public void The_main_template_is_among_the_templates_checked()
    {
        Assert.Contains(MainTemplate, TemplateFileNames());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_is_well_formed_with_schema_and_content_version(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoFiles.Azure(fileName)));
        var root = document.RootElement;
        Assert.Contains("deploymentTemplate.json", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Matches(ContentVersion(), root.GetProperty("contentVersion").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("resources").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_expression_is_bracket_balanced(string fileName)
    {
        var broken = Expressions(Load(fileName))
            .Where(e => !e.EndsWith(']') || e.Count(c => c == '(') != e.Count(c => c == ')') || e.Count(c => c == '\'') % 2 != 0)
            .ToList();
        Assert.True(broken.Count == 0, "malformed expressions:\n" + string.Join("\n", broken));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_referenced_parameter_and_variable_is_declared(string fileName)
    {
        var template = Load(fileName);
        var expressions = Expressions(template).ToList();

        var undeclaredParameters = Referenced(expressions, ParameterReference()).Except(DeclaredNames(template, "parameters")).ToList();
        var undeclaredVariables = Referenced(expressions, VariableReference()).Except(DeclaredNames(template, "variables")).ToList();

        Assert.True(undeclaredParameters.Count == 0, "parameters used but not declared: " + string.Join(", ", undeclaredParameters));
        Assert.True(undeclaredVariables.Count == 0, "variables used but not declared: " + string.Join(", ", undeclaredVariables));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_declared_parameter_and_variable_is_used(string fileName)
    {
        var template = Load(fileName);
        var expressions = Expressions(template).ToList();

        var unusedParameters = DeclaredNames(template, "parameters").Except(Referenced(expressions, ParameterReference())).ToList();
        var unusedVariables = DeclaredNames(template, "variables").Except(Referenced(expressions, VariableReference())).ToList();

        Assert.True(unusedParameters.Count == 0, "parameters declared but never used: " + string.Join(", ", unusedParameters));
        Assert.True(unusedVariables.Count == 0, "variables declared but never used: " + string.Join(", ", unusedVariables));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Secrets_are_secure_strings_and_never_output(string fileName)
    {
        var template = Load(fileName);
        var parameters = template["parameters"]?.AsObject() ?? [];
        foreach (var (name, declaration) in parameters)
        {
            if (SecretLookingName().IsMatch(name))
            {
                Assert.True(
                    declaration!["type"]!.GetValue<string>() == "securestring",
                    $"parameter '{name}' holds a secret but is {declaration["type"]}; deployment history would show it");
            }
        }

        var secure = parameters.Where(p => p.Value!["type"]!.GetValue<string>() == "securestring").Select(p => p.Key).ToHashSet();
        var outputs = template["outputs"] is JsonObject o ? Expressions(o).ToList() : [];
        var leaked = Referenced(outputs, ParameterReference()).Intersect(secure).ToList();
        Assert.True(leaked.Count == 0, "secure parameters in outputs: " + string.Join(", ", leaked));
    }

    [Fact]
    public void Main_template_declares_the_documented_parameters()
    {
        var parameters = Load(MainTemplate)["parameters"]!.AsObject();
        foreach (var name in new[] { "appId", "appSecret", "appType", "tenantId", "botName", "appServicePlanSku", "redisSku", "location", "directLineSecret" })
        {
            Assert.True(parameters.ContainsKey(name), $"parameter '{name}' is missing");
        }

        Assert.Equal("securestring", parameters["appSecret"]!["type"]!.GetValue<string>());
        Assert.Equal("securestring", parameters["directLineSecret"]!["type"]!.GetValue<string>());
        Assert.Equal(
            ["MultiTenant", "SingleTenant", "UserAssignedMSI"],
            parameters["appType"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("[resourceGroup().location]", parameters["location"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Main_template_creates_every_resource_the_bot_needs()
    {
        var types = Resources(Load(MainTemplate)).Select(r => r["type"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var type in new[]
        {
            "Microsoft.Web/serverfarms",
            "Microsoft.Web/sites",
            "Microsoft.BotService/botServices",
            "Microsoft.BotService/botServices/channels",
            "Microsoft.Cache/redis",
            "Microsoft.Insights/components",
            "Microsoft.OperationalInsights/workspaces",
        })
        {
            Assert.Contains(type, types);
        }
    }

    [Fact]
    public void Bot_has_teams_and_direct_line_channels()
    {
        var channels = ResourcesOfType("Microsoft.BotService/botServices/channels")
            .Select(c => c["properties"]!["channelName"]!.GetValue<string>())
            .ToList();
        Assert.Contains("MsTeamsChannel", channels);
        Assert.Contains("DirectLineChannel", channels);
    }

    [Fact]
    public void Azure_bot_points_at_the_web_apps_messaging_endpoint()
    {
        var template = Load(MainTemplate);
        var bot = Assert.Single(ResourcesOfType("Microsoft.BotService/botServices"));
        Assert.Equal("azurebot", bot["kind"]!.GetValue<string>());
        var properties = bot["properties"]!.AsObject();
        Assert.Contains("parameters('appId')", properties["msaAppId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("parameters('appType')", properties["msaAppType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(properties.ContainsKey("msaAppTenantId"));

        var endpoint = Resolve(template, properties["endpoint"]!.GetValue<string>());
        Assert.StartsWith("https://", endpoint, StringComparison.Ordinal);
        Assert.EndsWith(".azurewebsites.net/api/messages", endpoint, StringComparison.Ordinal);

        var output = template["outputs"]!["messagingEndpoint"]!;
        Assert.Equal("string", output["type"]!.GetValue<string>());
        Assert.Equal(endpoint, Resolve(template, output["value"]!.GetValue<string>()));
    }

    [Fact]
    public void Web_app_runs_dotnet_10_on_linux_with_the_bot_settings()
    {
        var plan = Assert.Single(ResourcesOfType("Microsoft.Web/serverfarms"));
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>(), "a Linux plan needs reserved: true");
        Assert.Contains("parameters('appServicePlanSku')", plan["sku"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);

        var site = Assert.Single(ResourcesOfType("Microsoft.Web/sites"));
        Assert.Contains("linux", site["kind"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());
        var config = site["properties"]!["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());

        var settings = config["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());
        foreach (var name in new[]
        {
            "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId",
            "Storage__Provider", "Storage__ConnectionString", "APPLICATIONINSIGHTS_CONNECTION_STRING", "DirectLine__Secret",
        })
        {
            Assert.True(settings.ContainsKey(name), $"app setting '{name}' is missing");
        }

        Assert.Equal("Redis", settings["Storage__Provider"]);
        Assert.Equal("[parameters('appSecret')]", settings["MicrosoftAppPassword"]);
        Assert.Equal("[parameters('directLineSecret')]", settings["DirectLine__Secret"]);
        var redisConnection = settings["Storage__ConnectionString"];
        Assert.Contains("listKeys(", redisConnection, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Cache/redis", redisConnection, StringComparison.Ordinal);
        Assert.Contains("ssl=True", redisConnection, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/components", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_accepts_only_tls_1_2_or_newer()
    {
        var redis = Assert.Single(ResourcesOfType("Microsoft.Cache/redis"));
        var properties = redis["properties"]!;
        Assert.False(properties["enableNonSslPort"]!.GetValue<bool>());
        Assert.Equal("1.2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.Contains("parameters('redisSku')", properties["sku"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Application_insights_writes_to_the_log_analytics_workspace()
    {
        var insights = Assert.Single(ResourcesOfType("Microsoft.Insights/components"));
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights["properties"]!["WorkspaceResourceId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Example_parameters_file_matches_the_template()
    {
        var template = Load(MainTemplate)["parameters"]!.AsObject();
        var example = JsonNode.Parse(File.ReadAllText(RepoFiles.Azure("azuredeploy.parameters.json")))!.AsObject();
        Assert.Contains("deploymentParameters.json", example["$schema"]!.GetValue<string>(), StringComparison.Ordinal);

        var given = example["parameters"]!.AsObject();
        var unknown = given.Select(p => p.Key).Where(name => !template.ContainsKey(name)).ToList();
        Assert.True(unknown.Count == 0, "example sets parameters the template lacks: " + string.Join(", ", unknown));

        var requiredMissing = template.Where(p => !p.Value!.AsObject().ContainsKey("defaultValue") && !given.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        Assert.True(requiredMissing.Count == 0, "example omits required parameters: " + string.Join(", ", requiredMissing));

        foreach (var (name, value) in given)
        {
            if (template[name]?["allowedValues"] is JsonArray allowed && value!["value"] is JsonValue v)
            {
                Assert.Contains(v.GetValue<string>(), allowed.Select(a => a!.GetValue<string>()));
            }
        }
    }

    private static JsonObject Load(string fileName) =>
        JsonNode.Parse(File.ReadAllText(RepoFiles.Azure(fileName)))!.AsObject();

    private static IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources(Load(MainTemplate)).Where(r => string.Equals(r["type"]!.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>All resources, with nested child resources given their full type name.</summary>
    private static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        IEnumerable<JsonObject> Walk(JsonArray? resources, string? parentType)
        {
            foreach (var resource in resources?.Select(r => r!.AsObject()) ?? [])
            {
                var type = resource["type"]!.GetValue<string>();
                var fullType = parentType is null || type.Contains('/') && type.Split('/')[0].Contains('.') ? type : $"{parentType}/{type}";
                var copy = resource.DeepClone().AsObject();
                copy["type"] = fullType;
                yield return copy;
                foreach (var child in Walk(resource["resources"] as JsonArray, fullType))
                {
                    yield return child;
                }
            }
        }

        return Walk(template["resources"] as JsonArray, null);
    }

    /// <summary>Every string that ARM evaluates: starts with '[' (but not the '[[' escape).</summary>
    private static IEnumerable<string> Expressions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (IsExpression(key))
                    {
                        yield return key;
                    }

                    foreach (var e in Expressions(child))
                    {
                        yield return e;
                    }
                }

                break;
            case JsonArray array:
                foreach (var e in array.SelectMany(Expressions))
                {
                    yield return e;
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (IsExpression(text))
                {
                    yield return text;
                }

                break;
        }
    }

    private static bool IsExpression(string text) => text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal);

    private static HashSet<string> Referenced(IEnumerable<string> expressions, Regex reference) =>
        expressions.SelectMany(e => reference.Matches(e).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> DeclaredNames(JsonObject template, string section) =>
        (template[section] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];

    /// <summary>
    /// Evaluates the little that endpoint expressions use: concat of literals, parameters (their
    /// name stands in for the value) and variables. Anything else fails the test loudly.
    /// </summary>
    private static string Resolve(JsonObject template, string value)
    {
        if (!IsExpression(value))
        {
            return value;
        }

        var body = value[1..^1].Trim();
        var parameter = ParameterReference().Match(body);
        if (parameter.Success && parameter.Length == body.Length)
        {
            return parameter.Groups["name"].Value;
        }

        var variable = VariableReference().Match(body);
        if (variable.Success && variable.Length == body.Length)
        {
            var name = variable.Groups["name"].Value;
            return Resolve(template, template["variables"]![name]!.GetValue<string>());
        }

        if (body.StartsWith("concat(", StringComparison.Ordinal) && body.EndsWith(')'))
        {
            return string.Concat(SplitArguments(body["concat(".Length..^1]).Select(a =>
                a.StartsWith('\'') ? a[1..^1].Replace("''", "'", StringComparison.Ordinal) : Resolve(template, $"[{a}]")));
        }

        throw new Xunit.Sdk.XunitException($"cannot resolve expression {value}");
    }

    private static IEnumerable<string> SplitArguments(string arguments)
    {
        var depth = 0;
        var inString = false;
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            var c = arguments[i];
            if (c == '\'')
            {
                inString = !inString;
            }
            else if (!inString && c == '(')
            {
                depth++;
            }
            else if (!inString && c == ')')
            {
                depth--;
            }
            else if (!inString && depth == 0 && c == ',')
            {
                yield return arguments[start..i].Trim();
                start = i + 1;
            }
        }

        yield return arguments[start..].Trim();
    }
}
