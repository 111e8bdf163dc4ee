using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Directory;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace AiSpm.Connectors.Graph;

/// <summary>
/// Reads what Microsoft Graph serves to delegated callers only, for <c>aispm collect copilot-admin</c>: the signed-in
/// administrator (<c>/me</c>), <c>/copilot/admin/settings/limitedMode</c> and every page of
/// <c>/copilot/admin/catalog/packages</c> (beta). A part refused (401, 403, 404) or answered without what the checks
/// read is named in <see cref="CopilotAdminImport.NotRead"/>; the token itself never leaves the client.
/// </summary>
public sealed class CopilotAdminReader(GraphServiceClient client, TimeProvider? time = null)
{
    /// <summary>The delegated permissions the import asks for (User.Read names who imported).</summary>
    public static IReadOnlyList<string> Scopes { get; } =
    [
        "https://graph.microsoft.com/User.Read",
        "https://graph.microsoft.com/CopilotSettings-LimitedMode.Read",
        "https://graph.microsoft.com/CopilotPackages.Read.All",
    ];

    private readonly GraphRawReader _raw = new(client);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Graph requests sent so far.</summary>
    public int Calls => _raw.Calls;

    /// <summary>Reads the settings and the catalogue as the signed-in user.</summary>
    /// <exception cref="CopilotAdminReadException">The signed-in user could not be read (not a delegated token, or refused).</exception>
    public async Task<CopilotAdminImport> ReadAsync(CancellationToken cancellationToken = default)
    {
        JsonElement me;
        try
        {
            me = await _raw.GetAsync("v1.0/me?$select=id,userPrincipalName", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw new CopilotAdminReadException(ex.ResponseStatusCode == 400
                ? "Microsoft Graph answered /me with 400: the credential is not a signed-in user. The import needs a delegated sign-in (device code or Azure CLI), not an app or managed identity."
                : $"Microsoft Graph refused /me ({ex.ResponseStatusCode}): {ex.Message}", ex);
        }

        var who = Text(me, "userPrincipalName") ?? throw new CopilotAdminReadException("Microsoft Graph answered /me without a userPrincipalName.");
        var notRead = new List<string>();
        var limitedMode = await ReadPartAsync(CopilotAdminImport.LimitedModePart, notRead,
            async ct => await _raw.GetAsync("beta/copilot/admin/settings/limitedMode", ct).ConfigureAwait(false),
            (builder, e) => builder.SetCopilotLimitedMode(e, "limitedMode"), cancellationToken).ConfigureAwait(false);
        var packages = await ReadPartAsync(CopilotAdminImport.PackagesPart, notRead,
            async ct => JsonSerializer.SerializeToElement(await _raw.ListAsync("beta/copilot/admin/catalog/packages", ct).ConfigureAwait(false)),
            (builder, e) => builder.AddCopilotPackages(e, "packages"), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        return new CopilotAdminImport
        {
            Id = now.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            ImportedAt = now,
            ImportedBy = who,
            ImportedByObjectId = Text(me, "id"),
            LimitedMode = limitedMode,
            Packages = packages?.EnumerateArray().Select(p => p.Clone()).ToList(),
            NotRead = notRead,
        };
    }

    /// <summary>Reads one part; checks it holds what the rules read (as a scan would place it); a refusal or a malformed answer is noted, not thrown.</summary>
    private static async Task<JsonElement?> ReadPartAsync(string part, List<string> notRead, Func<CancellationToken, Task<JsonElement>> read,
        Action<DirectoryInventoryBuilder, JsonElement> place, CancellationToken cancellationToken)
    {
        try
        {
            var element = await read(cancellationToken).ConfigureAwait(false);
            place(new DirectoryInventoryBuilder(), element);
            return element;
        }
        catch (ApiException ex) when (ex.ResponseStatusCode is 401 or 403 or 404)
        {
            notRead.Add($"{part}: {ex.ResponseStatusCode} {(ex.ResponseStatusCode == 404 ? "Not Found: the API is not available in this tenant or cloud" : "refused: the signed-in user lacks the role or the delegated permission")}");
            return null;
        }
        catch (InventoryFormatException ex)
        {
            notRead.Add($"{part}: the answer lacks what the checks read: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            // A body cut short or not JSON: that part is not imported, the other still is.
            notRead.Add($"{part}: the answer could not be read ({ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()})");
            return null;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
