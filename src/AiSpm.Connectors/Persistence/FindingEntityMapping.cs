using System.Text.Json;
using AiSpm.Connectors.Storage.Tables;
using AiSpm.Core.Findings;

namespace AiSpm.Connectors.Persistence;

/// <summary>Finding rows: PartitionKey = scope, RowKey = finding id; lifecycle and observation as columns.</summary>
internal static class FindingEntityMapping
{
    public static readonly IReadOnlyList<string> LifecycleColumns = ["Status", "FirstSeen", "LastScanId", "ReopenCount"];

    public static TableEntity ToObservationEntity(Finding finding, string scanId, DateTimeOffset seenAt)
    {
        var entity = ToContentEntity(finding);
        entity["Status"] = nameof(FindingStatus.Open);
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
        };
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

    public static string EncodeContinuation(TableContinuation continuation) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new[] { continuation.NextPartitionKey, continuation.NextRowKey }));

    public static TableContinuation? DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string?[]>(Convert.FromBase64String(token));
            if (parts is not { Length: 2 } || string.IsNullOrEmpty(parts[0]))
            {
                throw new FormatException();
            }

            return new TableContinuation(parts[0]!, parts[1]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not one this API issued.", nameof(token), ex);
        }
    }
}
