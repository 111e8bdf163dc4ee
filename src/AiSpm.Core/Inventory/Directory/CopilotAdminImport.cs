using System.Globalization;
using System.Text.Json;

namespace AiSpm.Core.Inventory.Directory;

/// <summary>
/// The Copilot admin settings and catalogue as an administrator read them with a delegated token
/// (<c>aispm collect copilot-admin</c>): Microsoft Graph serves <c>/copilot/admin/settings/limitedMode</c> and
/// <c>/copilot/admin/catalog/packages</c> to delegated callers only, so scheduled (app-only) scans evaluate the newest
/// import instead. Holds what Graph answered, who read it and when; never a token.
/// </summary>
public sealed record CopilotAdminImport
{
    /// <summary>The part name of the limited mode setting (as in <see cref="DirectoryInventory.NotCollected"/>).</summary>
    public const string LimitedModePart = "copilotLimitedMode";

    /// <summary>The part name of the catalogue.</summary>
    public const string PackagesPart = "copilotPackages";

    /// <summary>A stable id of the import (time-ordered).</summary>
    public required string Id { get; init; }

    /// <summary>When the administrator read the settings.</summary>
    public required DateTimeOffset ImportedAt { get; init; }

    /// <summary>Who read them: the signed-in user's principal name (from <c>/me</c>).</summary>
    public required string ImportedBy { get; init; }

    /// <summary>That user's object id, when Graph gave it.</summary>
    public string? ImportedByObjectId { get; init; }

    /// <summary>The <c>limitedMode</c> object as Graph answered it, or null when it could not be read.</summary>
    public JsonElement? LimitedMode { get; init; }

    /// <summary>The catalogue packages as Graph answered them (every page), or null when the catalogue could not be read.</summary>
    public IReadOnlyList<JsonElement>? Packages { get; init; }

    /// <summary>Parts the administrator's token could not read either, each as <c>part: reason</c>.</summary>
    public IReadOnlyList<string> NotRead { get; init; } = [];

    /// <summary>Whole days between the import and <paramref name="now"/>.</summary>
    public int AgeDays(DateTimeOffset now) => Math.Max(0, (int)Math.Floor((now - ImportedAt).TotalDays));

    /// <summary>True when the import is older than <paramref name="maxAgeDays"/> at <paramref name="now"/>.</summary>
    public bool IsStale(DateTimeOffset now, int maxAgeDays) => now - ImportedAt > TimeSpan.FromDays(maxAgeDays);

    /// <summary>"imported by X on 2026-12-01 (3 days old)".</summary>
    public string Describe(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"imported by {ImportedBy} on {ImportedAt:yyyy-MM-dd} ({AgeDays(now)} days old)");

    /// <summary>Why the import holds no <paramref name="part"/>, or null when it holds it.</summary>
    public string? NotReadReason(string part) =>
        PartNotes.Reason(NotRead, part);
}
