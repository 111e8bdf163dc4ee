using System.Text.Json;
using AiSpm.Core.Findings;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>Finding rows: PartitionKey = scope, RowKey = finding id; lifecycle and observation as columns.</summary>
internal static class FindingEntityMapping
{
    public static readonly IReadOnlyList<string> LifecycleColumns = ["PartitionKey", "RowKey", "Status", "FirstSeen", "LastScanId", "ReopenCount"];

    public static TableEntity ToObservationEntity(Finding finding, string scanId, DateTimeOffset seenAt)
    {
        var entity = ToContentEntity(finding);
        // An exempted failure is stored as Exempted with its exemption; a later observation without one (expired,
        // removed from the policy) writes Open and blanks the column, since a merge keeps columns it does not name.
        entity["Status"] = finding.Exemption is null ? nameof(FindingStatus.Open) : nameof(FindingStatus.Exempted);
        entity["ExemptionJson"] = finding.Exemption is null ? string.Empty : JsonSerializer.Serialize(finding.Exemption);
        entity["LastSeen"] = seenAt;
        entity["LastScanId"] = scanId;
        return entity;
    }

    /// <summary>What a finding says, without its lifecycle columns.</summary>
    public static TableEntity ToContentEntity(Finding finding)
    {
        var key = finding.Key;
        return new TableEntity(key.Scope, key.Id)
        {
            ["RuleId"] = key.RuleId,
            ["ResourceId"] = key.ResourceId,
            ["SubKey"] = key.SubKey,
            ["Severity"] = finding.Severity.ToString(),
            ["SeverityRank"] = (int)finding.Severity,
            ["Category"] = finding.Category,
            ["Title"] = finding.Title,
            ["Detail"] = finding.Detail ?? string.Empty,
            ["EvidenceJson"] = JsonSerializer.Serialize(finding.Evidence),
            ["SecretFingerprint"] = finding.SecretFingerprint,
            ["SecretHint"] = finding.SecretHint,
        }.WithoutNulls();
    }

    public static StoredFinding ToStoredFinding(TableEntity entity)
    {
        var evidence = entity.GetString("EvidenceJson") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : [];
        var finding = new Finding
        {
            Key = new FindingKey(entity.GetString("RuleId")!, entity.GetString("ResourceId")!, entity.GetString("SubKey")),
            Severity = Enum.Parse<Severity>(entity.GetString("Severity") ?? nameof(Severity.Informational)),
            Category = entity.GetString("Category") ?? string.Empty,
            Title = entity.GetString("Title") ?? string.Empty,
            Detail = entity.GetString("Detail") is { Length: > 0 } detail ? detail : null,
            Evidence = evidence,
            SecretFingerprint = entity.GetString("SecretFingerprint"),
            SecretHint = entity.GetString("SecretHint"),
            Exemption = entity.GetString("ExemptionJson") is { Length: > 0 } exemption ? JsonSerializer.Deserialize<FindingExemption>(exemption) : null,
        };
        return new StoredFinding(
            finding,
            Enum.Parse<FindingStatus>(entity.GetString("Status") ?? nameof(FindingStatus.Open)),
            entity.GetDateTimeOffset("FirstSeen") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("LastSeen") ?? DateTimeOffset.MinValue,
            entity.GetString("LastScanId") ?? string.Empty,
            entity.GetDateTimeOffset("ResolvedAt"),
            entity.GetInt32("ReopenCount") ?? 0);
    }

    /// <summary>
    /// The API's continuation token for the SDK's (<c>"nextPartitionKey nextRowKey"</c>): base64 of a JSON pair, so a
    /// token the API did not issue is recognised before it reaches the service.
    /// </summary>
    public static string EncodeContinuation(string sdkToken)
    {
        var space = sdkToken.IndexOf(' ', StringComparison.Ordinal);
        string?[] pair = space < 0 ? [sdkToken, null] : [sdkToken[..space], sdkToken[(space + 1)..] is { Length: > 0 } row ? row : null];
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(pair));
    }

    /// <summary>The SDK continuation token of an API token, or null for the first page.</summary>
    /// <exception cref="ArgumentException">The token is not one this API issued.</exception>
    public static string? DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string?[]>(Convert.FromBase64String(token));
            if (parts is not { Length: 2 } || string.IsNullOrEmpty(parts[0]) || parts.Any(p => p is not null && !IsServiceToken(p)))
            {
                throw new FormatException();
            }

            return parts[1] is null ? parts[0] + " " : $"{parts[0]} {parts[1]}";
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not one this API issued.", nameof(token), ex);
        }
    }

    /// <summary>The service's next-key tokens are short printable ASCII without spaces (the SDK's separator).</summary>
    private static bool IsServiceToken(string value) =>
        value.Length <= 1024 && value.All(c => c is > ' ' and < (char)0x7F);
}
