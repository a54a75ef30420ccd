using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Analysis
{
    /// <summary>
    /// Matches written arguments to a parameter list: reports unknown, missing, mistyped and out-of-list values, widens
    /// integers to numbers, canonicalises choices (<c>LeakyReLU</c> → <c>leaky_relu</c>), and fills in defaults.
    /// </summary>
    internal static class ArgumentResolver
    {
        /// <returns>The resolved arguments (one per parameter that has a value), or null when any error was reported.</returns>
        /// <param name="outOfRange">Makes the diagnostic for a value outside its parameter's bounds: (argument, what was expected).</param>
        public static List<Argument>? Resolve(IReadOnlyList<ParameterDefinition> parameters, EquatableArray<Argument> written,
            string owner, SourceSpan ownerSpan, List<DiagnosticInfo> diagnostics, System.Func<Argument, string, DiagnosticInfo> outOfRange,
            ISet<string>? ignoredKeys = null)
        {
            bool ok = true;
            var byKey = parameters.ToDictionary(p => p.Key);
            var resolved = new Dictionary<string, Argument>();
            foreach (Argument argument in written)
            {
                if (ignoredKeys is not null && ignoredKeys.Contains(argument.Key))
                    continue;
                if (!byKey.TryGetValue(argument.Key, out ParameterDefinition? parameter))
                {
                    string? nearest = Names.Nearest(argument.Name, parameters.Select(p => p.Name));
                    var properties = new List<(string Key, string Value)> { (Diagnostics.WrittenNameProperty, argument.Name) };
                    if (nearest is not null)
                        properties.Add((Diagnostics.SuggestedNameProperty, nearest));
                    DiagnosticInfo unknown = Diagnostics.Create(Diagnostics.UnknownArgument, argument.Span, argument.Name, owner,
                        nearest is null ? "; valid: " + string.Join(", ", parameters.Select(p => p.Name)) : $"; did you mean '{nearest}'?");
                    diagnostics.Add(unknown with { Properties = properties.ToEquatableArray() });
                    ok = false;
                    continue;
                }
                ArgumentValue? value = Convert(parameter, argument, owner, diagnostics);
                if (value is null)
                {
                    ok = false;
                    continue;
                }
                var checkedArgument = new Argument(parameter.Name, parameter.Key, value, argument.Span);
                // Kept even when out of range, so the parameter is not also reported as missing.
                resolved[parameter.Key] = checkedArgument;
                if (OutOfBounds(parameter, value) is { } expected)
                {
                    diagnostics.Add(outOfRange(checkedArgument, expected));
                    ok = false;
                }
            }

            foreach (ParameterDefinition parameter in parameters)
            {
                if (resolved.ContainsKey(parameter.Key))
                    continue;
                if (parameter.Default is not null)
                    resolved[parameter.Key] = new Argument(parameter.Name, parameter.Key, parameter.Default, ownerSpan);
                else if (parameter.Required)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.MissingArgument, ownerSpan, owner, parameter.Name));
                    ok = false;
                }
            }
            return ok ? parameters.Where(p => resolved.ContainsKey(p.Key)).Select(p => resolved[p.Key]).ToList() : null;
        }

        private static ArgumentValue? Convert(ParameterDefinition parameter, Argument argument, string owner, List<DiagnosticInfo> diagnostics)
        {
            ArgumentValue value = argument.Value;
            switch (parameter.Kind)
            {
                case ArgumentKind.Integer when value.Kind == ArgumentKind.Integer:
                case ArgumentKind.Boolean when value.Kind == ArgumentKind.Boolean:
                case ArgumentKind.IntegerList when value.Kind == ArgumentKind.IntegerList:
                case ArgumentKind.NumberList when value.Kind == ArgumentKind.NumberList:
                    return value;
                case ArgumentKind.Number when value.Kind is ArgumentKind.Number or ArgumentKind.Integer:
                    return ArgumentValue.OfNumber(value.Kind == ArgumentKind.Integer ? value.Integer : value.Number);
                case ArgumentKind.NumberList when value.Kind == ArgumentKind.IntegerList:
                    return ArgumentValue.OfNumbers(value.Integers.Select(i => (double)i).ToEquatableArray());
                case ArgumentKind.Text when value.Kind == ArgumentKind.Text:
                    if (parameter.AllowedValues.Count == 0)
                        return value;
                    string? canonical = Canonical(parameter, value.Text);
                    if (canonical is null)
                    {
                        ReportUnknownValue(parameter, argument, value.Text, owner, diagnostics);
                        return null;
                    }
                    return ArgumentValue.OfText(canonical);
                case ArgumentKind.TextList when value.Kind is ArgumentKind.TextList or ArgumentKind.Text:
                    var items = value.Kind == ArgumentKind.Text ? new[] { value.Text } : value.Texts.ToArray();
                    var canonicals = new List<string>();
                    foreach (string item in items)
                    {
                        string? c = parameter.AllowedValues.Count == 0 ? item : Canonical(parameter, item);
                        if (c is null)
                        {
                            ReportUnknownValue(parameter, argument, item, owner, diagnostics);
                            return null;
                        }
                        canonicals.Add(c);
                    }
                    return ArgumentValue.OfTexts(canonicals.ToEquatableArray());
            }
            diagnostics.Add(Diagnostics.Create(Diagnostics.WrongArgumentType, argument.Span, argument.Name, owner, Describe(parameter.Kind), Describe(value.Kind) + " " + value.Display()));
            return null;
        }

        /// <summary>What was expected when <paramref name="value"/> is not finite or outside the parameter's bounds, else null.</summary>
        private static string? OutOfBounds(ParameterDefinition parameter, ArgumentValue value)
        {
            string bounds = parameter.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture) + " to " +
                parameter.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            bool outside(long integer) => integer < parameter.Minimum || integer > parameter.Maximum;
            return value.Kind switch
            {
                ArgumentKind.Integer when outside(value.Integer) => "an integer from " + bounds,
                ArgumentKind.IntegerList when value.Integers.Any(outside) => "integers from " + bounds,
                ArgumentKind.Number when !IsFinite(value.Number) => "a finite number",
                ArgumentKind.NumberList when value.Numbers.Any(n => !IsFinite(n)) => "finite numbers",
                _ => null,
            };
        }

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        private static string? Canonical(ParameterDefinition parameter, string written)
        {
            string key = Names.Normalize(written);
            return parameter.AllowedValues.FirstOrDefault(allowed => Names.Normalize(allowed) == key);
        }

        private static void ReportUnknownValue(ParameterDefinition parameter, Argument argument, string value, string owner, List<DiagnosticInfo> diagnostics) =>
            diagnostics.Add(Diagnostics.Create(Diagnostics.UnknownValue, argument.Span, value, parameter.Name, owner, string.Join(", ", parameter.AllowedValues)));

        public static string Describe(ArgumentKind kind) => kind switch
        {
            ArgumentKind.Integer => "an integer",
            ArgumentKind.Number => "a number",
            ArgumentKind.Boolean => "true or false",
            ArgumentKind.Text => "a string",
            ArgumentKind.IntegerList => "a list of integers",
            ArgumentKind.NumberList => "a list of numbers",
            _ => "a list of strings",
        };
    }
}
