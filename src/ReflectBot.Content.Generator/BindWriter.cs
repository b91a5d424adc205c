using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using static ReflectBot.Content.Generator.ContentBinderGenerator;

namespace ReflectBot.Content.Generator;

/// <summary>
/// Writes the C# expression that reads one property from its node. All checking happens in ContentNode's
/// methods at run time; the generated code only says which method reads which key, and with what limits.
/// </summary>
internal sealed class BindWriter
{
    private int _next;

    /// <summary>Static fields the expressions refer to (placeholder and key lists).</summary>
    public List<string> Fields { get; } = [];

    public string Property(IPropertySymbol property, string key, List<string> errors)
    {
        var checks = Checks.Of(property, this);
        var type = property.Type;
        if (property.IsRequired)
        {
            return Read(type, $"node.Get({Quote(key)})", checks, property.Name, errors, 0);
        }

        var n = $"__n{_next++}";
        if (IsNullable(type, out var inner))
        {
            return $"node.TryGet({Quote(key)}) is {{ }} {n} ? {Read(inner, n, checks, property.Name, errors, 0)} : null";
        }

        if (ListElement(type) is not null || DictionaryTypes(type) is not null)
        {
            var empty = DictionaryTypes(type) is { } kv
                ? $"new global::System.Collections.Generic.Dictionary<{Full(kv.Key)}, {Full(kv.Value)}>()"
                : "[]";
            return $"node.TryGet({Quote(key)}) is {{ }} {n} ? {Read(type, n, checks, property.Name, errors, 0)} : {empty}";
        }

        errors.Add($"'{property.Name}' is optional (not required) but has no empty value: make it required, nullable, a list or a map");
        return "default!";
    }

    public string Field(string prefix, IEnumerable<string> values)
    {
        var name = $"__{prefix}{_next++}";
        Fields.Add($"private static readonly string[] {name} = [{string.Join(", ", values.Select(Quote))}];");
        return name;
    }

    private string Read(ITypeSymbol type, string node, Checks checks, string property, List<string> errors, int depth)
    {
        if (IsNullable(type, out var inner) && !SymbolEqualityComparer.Default.Equals(inner, type))
        {
            // A nullable inside a list or map is read as the value itself: entries are never absent.
            return Read(inner, node, checks, property, errors, depth);
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return checks.DatePattern ? $"{node}.DatePattern()" : $"{node}.TextWith({checks.Fills}, {checks.Needs})";
            case SpecialType.System_Int32:
                return checks.Between is { } range ? $"{node}.IntBetween({range.Min}, {range.Max})"
                    : checks.AtLeast is { } min ? $"{node}.IntAtLeast({min})"
                    : $"{node}.Int()";
            case SpecialType.System_Double:
                return $"{node}.Number()";
            case SpecialType.System_Boolean:
                return $"{node}.Bool()";
        }

        if (type.ToDisplayString() == "System.TimeOnly")
        {
            return $"{node}.Time()";
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return $"{node}.Enum<{Full(type)}>()";
        }

        if (IsContentType(type) || IsContentTypeParameter(type))
        {
            return $"{Full(type)}.Bind({node})";
        }

        var n = $"n{depth}";
        if (ListElement(type) is { } element)
        {
            var item = Read(element, n, checks, property, errors, depth + 1);
            if (KeyOf(element) is not null)
            {
                return $"{node}.KeyedList({n} => {item}, static e => e.Key, {checks.Keys}, {(checks.OthersAllowed ? "true" : "false")})";
            }

            if (checks.Keys != "null")
            {
                errors.Add($"'{property}' has [Keys] but its items have no Key property");
            }

            return $"{node}.List({n} => {item})";
        }

        if (DictionaryTypes(type) is { } kv)
        {
            var value = Read(kv.Value, n, checks, property, errors, depth + 1);
            if (kv.Key.SpecialType == SpecialType.System_String)
            {
                return $"{node}.Map({n} => {value})";
            }

            if (kv.Key.TypeKind == TypeKind.Enum)
            {
                return $"{node}.EnumMap<{Full(kv.Key)}, {Full(kv.Value)}>({n} => {value})";
            }
        }

        errors.Add($"'{property}' is a {type.ToDisplayString()}, which the content binder cannot read (text, numbers, yes/no, times, enums, [Content] types, lists and maps can be read)");
        return "default!";
    }

    private static bool IsNullable(ITypeSymbol type, out ITypeSymbol inner)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            inner = nullable.TypeArguments[0];
            return true;
        }

        inner = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        return type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
    }

    private static ITypeSymbol? ListElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyList<T>"
            ? named.TypeArguments[0]
            : null;

    private static KeyValuePair<ITypeSymbol, ITypeSymbol>? DictionaryTypes(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"
            ? new KeyValuePair<ITypeSymbol, ITypeSymbol>(named.TypeArguments[0], named.TypeArguments[1])
            : null;

    /// <summary>A type parameter constrained to content types (<c>where T : IContent&lt;T&gt;</c>).</summary>
    private static bool IsContentTypeParameter(ITypeSymbol type) =>
        type is ITypeParameterSymbol parameter && parameter.ConstraintTypes.Any(c => c.Name == "IContent" || IsContentType(c));

    /// <summary>A content type's string <c>Key</c> property (its own or a base type's): such lists are keyed.</summary>
    private static IPropertySymbol? KeyOf(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            return parameter.ConstraintTypes.Select(KeyOf).FirstOrDefault(k => k is not null);
        }

        if (!IsContentType(type))
        {
            return null;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetMembers("Key").OfType<IPropertySymbol>().FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_String) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    private static string Full(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier));

    /// <summary>What a property's attributes ask of its value (placeholders, limits, keys), as C# arguments.</summary>
    private sealed class Checks
    {
        public string Fills { get; private set; } = "null";
        public string Needs { get; private set; } = "null";
        public string Keys { get; private set; } = "null";
        public bool OthersAllowed { get; private set; }
        public bool DatePattern { get; private set; }
        public int? AtLeast { get; private set; }
        public (int Min, int Max)? Between { get; private set; }

        public static Checks Of(IPropertySymbol property, BindWriter writer)
        {
            var checks = new Checks();
            if (Strings(property, "FillsAttribute") is { } fills)
            {
                checks.Fills = writer.Field("fills", fills);
            }

            if (Strings(property, "NeedsAttribute") is { } needs)
            {
                checks.Needs = writer.Field("needs", needs);
            }

            if (Attribute(property, "KeysAttribute") is { } keys)
            {
                checks.Keys = writer.Field("keys", keys.ConstructorArguments[0].Values.Select(v => (string)v.Value!));
                checks.OthersAllowed = keys.NamedArguments.Any(a => a.Key == "OthersAllowed" && a.Value.Value is true);
            }

            checks.DatePattern = Attribute(property, "DatePatternAttribute") is not null;
            if (Attribute(property, "AtLeastAttribute") is { } atLeast)
            {
                checks.AtLeast = (int)atLeast.ConstructorArguments[0].Value!;
            }

            if (Attribute(property, "BetweenAttribute") is { } between)
            {
                checks.Between = ((int)between.ConstructorArguments[0].Value!, (int)between.ConstructorArguments[1].Value!);
            }

            return checks;
        }

        private static IEnumerable<string>? Strings(IPropertySymbol property, string attribute) =>
            Attribute(property, attribute)?.ConstructorArguments[0].Values.Select(v => (string)v.Value!).ToList();
    }
}
