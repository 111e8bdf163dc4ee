using System.Globalization;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Policy;

namespace AiSpm.Core.Rules.Copilot;

/// <summary>
/// Where a delegated-only Copilot part came from, for the rules that read it: read live, taken from an administrator's
/// import (named with its age in the evidence), or missing; and when an import is too old to decide anything.
/// </summary>
internal static class CopilotAdminSource
{
    /// <summary>The Unknown message when <paramref name="part"/> was not collected.</summary>
    public static string NotCollected(DirectoryInventory directory, string part, string what) =>
        $"{what} was not collected ({directory.NotCollectedReason(part) ?? "not read"}). Graph serves it to delegated callers only: an administrator imports it with 'aispm collect copilot-admin' (docs/copilot.md).";

    /// <summary>An Unknown check when <paramref name="part"/> came from an import older than the policy allows, else null.</summary>
    public static RuleCheck? Stale(DirectoryInventory directory, string part, DateTimeOffset now, RuleSettings settings, string what) =>
        directory.ImportOf(part) is { } import && import.IsStale(now, settings.CopilotImportMaxAgeDays)
            ? RuleCheck.Unknown($"The import is stale: {what} was {import.Describe(now)}, older than copilotImportMaxAgeDays ({settings.CopilotImportMaxAgeDays.ToString(CultureInfo.InvariantCulture)}). Run 'aispm collect copilot-admin' again.")
            : null;

    /// <summary>Adds where <paramref name="part"/> came from to a result's evidence.</summary>
    public static Dictionary<string, string> Describe(Dictionary<string, string> evidence, DirectoryInventory directory, string part, DateTimeOffset now)
    {
        if (directory.ImportOf(part) is { } import)
        {
            evidence["source"] = "aispm collect copilot-admin";
            evidence["importedBy"] = import.ImportedBy;
            evidence["importedAt"] = import.ImportedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            evidence["importAgeDays"] = import.AgeDays(now).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            evidence["source"] = "Microsoft Graph (this scan)";
        }

        return evidence;
    }
}
