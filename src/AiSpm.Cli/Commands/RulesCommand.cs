using System.CommandLine;
using System.Text.Json;
using AiSpm.Core.Rules;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary><c>aispm rules list [--json]</c>: the rule catalogue.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (every descriptor field) instead of a table." };
        var list = new Command("list", "List every rule: id, name, severity, category, title and framework mappings.") { json };
        list.SetAction(parseResult =>
        {
            var descriptors = RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor).ToList();
            if (parseResult.GetValue(json))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(descriptors, new JsonSerializerOptions
                {
                    WriteIndented = true,
                    PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                    Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
                }));
                return ExitCodes.Success;
            }

            var console = CliContext.From(parseResult).Console;
            var table = new Table().AddColumn("Id").AddColumn("Name").AddColumn("Severity").AddColumn("Category").AddColumn("Title");
            foreach (var d in descriptors)
            {
                table.AddRow(Markup.Escape(d.Id), Markup.Escape(d.Name), d.Severity.ToString(), Markup.Escape(d.Category), Markup.Escape(d.Title));
            }

            console.Write(table);
            console.WriteLine($"{descriptors.Count} rules.");
            return ExitCodes.Success;
        });
        return new Command("rules", "The rule catalogue.") { list };
    }
}
