using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReflectBot.Framework.Dialogs;

/// <summary>One entry of the dialog stack: which dialog, its version and its own state.</summary>
public sealed class DialogInstance
{
    public string Id { get; set; } = "";

    /// <summary>The <see cref="Dialog.Version"/> this instance was started with.</summary>
    [JsonConverter(typeof(DialogVersionConverter))]
    public string? Version { get; set; }

    [JsonConverter(typeof(DialogInstanceStateConverter))]
    public JsonObject State { get; set; } = [];
}

/// <summary>The dialog stack, persisted in conversation state so a conversation survives a restart.</summary>
[JsonConverter(typeof(DialogStateConverter))]
public sealed class DialogState
{
    public List<DialogInstance> DialogStack { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(Prompts.PromptOptions))]
[JsonSerializable(typeof(Choices.FoundChoice))]
public sealed partial class DialogJson : JsonSerializerContext;
