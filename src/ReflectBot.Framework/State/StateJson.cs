using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ReflectBot.Framework.State;

/// <summary>
/// Where state finds the JSON for its types: source-generated <see cref="JsonSerializerContext"/>s registered once at
/// start-up. <see cref="BotState.CreateProperty{T}(string)"/> takes its type info from here, and a typed value kept in
/// dialog state (waterfall options and values, a prompt's options) is saved under a stable name (<c>"$type"</c>) and
/// read back as the same type after a restart. Nothing here reflects over a value: a lookup is a dictionary read.
/// <para>
/// The SDK serialises state with Newtonsoft.Json and <c>TypeNameHandling</c>, by reflection and with the CLR type name
/// in the document. Here a registered type is saved under its short name (<c>BookingDetails</c>, <c>List&lt;String&gt;</c>)
/// or one given at registration, so moving a class to another namespace keeps old stacks readable. A type nobody
/// registered is handled by reflection, as the SDK would, unless <see cref="RequireRegistration"/> is on: ReflectBot turns
/// it on at start-up, so a type it forgot to register fails loudly instead of being reflected over on every turn.
/// </para>
/// </summary>
public static class StateJson
{
    /// <summary>The name under which a <see cref="JsonNode"/> is saved when it could be mistaken for a typed value.</summary>
    internal const string JsonNodeName = "json";

    /// <summary>The name under which a dictionary of state values is saved (it round-trips as a dictionary, not JSON).</summary>
    internal const string DictionaryName = "dictionary";

    private static readonly Lock Gate = new();
    private static Registry s_registry = BuiltIns();

    /// <summary>
    /// Registers every type of <paramref name="context"/> (the ones it names and the ones they contain) for state.
    /// Call once at start-up; registering the same context again does nothing. A short name two registered types
    /// share is not used for either: give one a name with <see cref="Register{T}(JsonTypeInfo{T}, string)"/>.
    /// </summary>
    public static void Register(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (Gate)
        {
            s_registry = s_registry.With(context, explicitNames: null);
        }
    }

    /// <summary>Registers one type under an explicit saved name (for a type whose short name is taken, or that was renamed).</summary>
    public static void Register<T>(JsonTypeInfo<T> typeInfo, string name)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (Gate)
        {
            s_registry = s_registry.WithNamed(typeInfo, name);
        }
    }

    /// <summary>
    /// When on, a type that is not registered cannot be kept in state or sent as a payload (it throws, naming the type)
    /// instead of being serialised by reflection. Set once at start-up.
    /// </summary>
    public static bool RequireRegistration { get; set; }

    /// <summary>How many types were serialised by reflection because nobody registered them (a diagnostic: 0 in ReflectBot).</summary>
    public static int ReflectedTypes => s_reflected.Count;

    /// <summary>The type info for <typeparamref name="T"/>: the registered one, else (unless <see cref="RequireRegistration"/>) reflection's.</summary>
    public static JsonTypeInfo<T> GetTypeInfo<T>() =>
        TypeInfoCache<T>.Value ??= (JsonTypeInfo<T>)(Find(typeof(T))?.TypeInfo ?? throw new InvalidOperationException(NotRegistered(typeof(T))));

    /// <summary>True when a value of this type can be kept in state (a JSON primitive, a JsonNode or a known type).</summary>
    public static bool CanSave(object? value) => value switch
    {
        null or string or bool or int or long or double or JsonNode => true,
        IDictionary<string, object?> dictionary => dictionary.Values.All(CanSave),
        IList<object?> list => list.All(CanSave),
        _ => Find(value.GetType()) is { Name: not null },
    };

    /// <summary>The registered entry for <paramref name="type"/>, else a reflected one (null when registration is required).</summary>
    internal static Entry? Find(Type type)
    {
        if (s_registry.Find(type) is { } registered)
        {
            return registered;
        }

        if (RequireRegistration || type.IsAbstract || type == typeof(object))
        {
            return null;
        }

        return s_reflected.GetOrAdd(type, static t =>
        {
            var name = Registry.FriendlyName(t);
            var entry = new Entry(ReflectionOptions.GetTypeInfo(t), name);
            // Read back by the same name in this process (a restart needs the type registered).
            s_reflectedByName.TryAdd(name, entry.TypeInfo);
            return entry;
        });
    }

    internal static JsonTypeInfo? FindByName(string name) =>
        s_registry.FindByName(name) ?? (RequireRegistration ? null : s_reflectedByName.GetValueOrDefault(name));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Entry> s_reflected = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonTypeInfo> s_reflectedByName = new(StringComparer.Ordinal);

    // The SDK's defaults: property names as written, nulls kept. Built only if an unregistered type is ever met.
    private static JsonSerializerOptions ReflectionOptions => s_reflectionOptions ??= new JsonSerializerOptions
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNameCaseInsensitive = true,
    };

    private static JsonSerializerOptions? s_reflectionOptions;

    internal static string NotRegistered(Type type) =>
        $"{Registry.FriendlyName(type)} cannot be kept in bot or dialog state: add [JsonSerializable(typeof({Registry.FriendlyName(type)}))] "
        + "to a JsonSerializerContext and register it once at start-up with StateJson.Register(YourJsonContext.Default).";

    internal sealed record Entry(JsonTypeInfo TypeInfo, string? Name);

    private static Registry BuiltIns()
    {
        var dictionary = JsonMetadataServices.CreateValueInfo<Dictionary<string, object?>>(BuiltInStateJson.Default.Options, new StateDictionaryConverter());
        return Registry.Empty
            .With(BuiltInStateJson.Default, explicitNames: null)
            .With(Dialogs.DialogJson.Default, explicitNames: null)
            .WithNamed(dictionary, DictionaryName);
    }

    private static class TypeInfoCache<T>
    {
        public static JsonTypeInfo<T>? Value;
    }

    /// <summary>An immutable snapshot: readers never lock, a registration swaps in a new one.</summary>
    private sealed class Registry
    {
        public static readonly Registry Empty = new(FrozenDictionary<Type, Entry>.Empty, FrozenDictionary<string, Type?>.Empty, []);

        private readonly FrozenDictionary<Type, Entry> _byType;
        private readonly FrozenDictionary<string, Type?> _byName;
        private readonly JsonSerializerContext[] _contexts;

        private Registry(FrozenDictionary<Type, Entry> byType, FrozenDictionary<string, Type?> byName, JsonSerializerContext[] contexts)
        {
            _byType = byType;
            _byName = byName;
            _contexts = contexts;
        }

        public Entry? Find(Type type) => _byType.GetValueOrDefault(type);

        public JsonTypeInfo? FindByName(string name) =>
            _byName.TryGetValue(name, out var type) && type is not null ? _byType[type].TypeInfo : null;

        public Registry With(JsonSerializerContext context, IReadOnlyDictionary<Type, string>? explicitNames)
        {
            if (_contexts.Any(c => ReferenceEquals(c, context)))
            {
                return this;
            }

            var byType = new Dictionary<Type, Entry>(_byType);
            var byName = new Dictionary<string, Type?>(_byName, StringComparer.Ordinal);

            // Start-up only: the generated context has one JsonTypeInfo<T> property per type it can serialise.
            foreach (var property in context.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>)
                    && property.GetValue(context) is JsonTypeInfo typeInfo && !byType.ContainsKey(typeInfo.Type))
                {
                    var name = explicitNames?.GetValueOrDefault(typeInfo.Type) ?? FriendlyName(typeInfo.Type);
                    Claim(byName, name, typeInfo.Type);
                    byType[typeInfo.Type] = new Entry(typeInfo, name);
                }
            }

            return Rebuild(byType, byName, [.. _contexts, context]);
        }

        public Registry WithNamed(JsonTypeInfo typeInfo, string name)
        {
            var byType = new Dictionary<Type, Entry>(_byType);
            var byName = new Dictionary<string, Type?>(_byName, StringComparer.Ordinal);
            if (byName.TryGetValue(name, out var owner) && owner is not null && owner != typeInfo.Type)
            {
                throw new InvalidOperationException($"The state name '{name}' is already used by {FriendlyName(owner)}.");
            }

            // An explicit name wins over a shared short name.
            byName[name] = typeInfo.Type;
            byType[typeInfo.Type] = new Entry(typeInfo, name);
            return Rebuild(byType, byName, _contexts);
        }

        private static void Claim(Dictionary<string, Type?> byName, string name, Type type)
        {
            if (!byName.TryGetValue(name, out var owner))
            {
                byName[name] = type;
            }
            else if (owner != type)
            {
                // Two types, one short name: neither may be saved under it (reading one as the other would be worse).
                byName[name] = null;
            }
        }

        private static Registry Rebuild(Dictionary<Type, Entry> byType, Dictionary<string, Type?> byName, JsonSerializerContext[] contexts)
        {
            foreach (var (type, entry) in byType)
            {
                if (entry.Name is { } name && byName.GetValueOrDefault(name) != type)
                {
                    byType[type] = entry with { Name = null };
                }
            }

            return new Registry(byType.ToFrozenDictionary(), byName.ToFrozenDictionary(StringComparer.Ordinal), contexts);
        }

        /// <summary>"BookingDetails", "List&lt;String&gt;", "String[]": short, and stable when a namespace changes.</summary>
        public static string FriendlyName(Type type)
        {
            if (type.IsArray)
            {
                return FriendlyName(type.GetElementType()!) + "[]";
            }

            if (!type.IsGenericType)
            {
                return type.Name;
            }

            var name = type.Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return $"{(tick < 0 ? name : name[..tick])}<{string.Join(",", type.GetGenericArguments().Select(FriendlyName))}>";
        }
    }
}

/// <summary>Types every bot keeps in state without registering anything.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(short))]
[JsonSerializable(typeof(byte))]
[JsonSerializable(typeof(uint))]
[JsonSerializable(typeof(ulong))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class BuiltInStateJson : JsonSerializerContext;
