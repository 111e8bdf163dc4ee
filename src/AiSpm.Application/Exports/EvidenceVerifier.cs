using System.IO.Compression;
using System.Text.Json;
using AiSpm.Core.Audit;

namespace AiSpm.Application.Exports;

/// <summary>
/// Checks an evidence ZIP: every file named by the manifest is present and has its SHA-256, no file is unlisted,
/// and audit.json is an intact hash chain whose head matches the manifest. Names each thing that does not match.
/// </summary>
public static class EvidenceVerifier
{
    /// <summary>Verifies the ZIP in <paramref name="zipStream"/>.</summary>
    public static async Task<EvidenceVerification> VerifyAsync(Stream zipStream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipStream);
        var problems = new List<string>();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            return new EvidenceVerification([$"not a ZIP archive: {ex.Message}"], 0, 0);
        }

        using (zip)
        {
            var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                using var buffer = new MemoryStream();
                var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                }

                if (!contents.TryAdd(entry.FullName, buffer.ToArray()))
                {
                    problems.Add($"{entry.FullName}: appears twice in the archive");
                }
            }

            if (!contents.TryGetValue(EvidenceFiles.Manifest, out var manifestBytes))
            {
                return new EvidenceVerification([$"{EvidenceFiles.Manifest}: missing"], 0, 0);
            }

            EvidenceManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestBytes, EvidenceJson.Options);
            }
            catch (JsonException ex)
            {
                return new EvidenceVerification([$"{EvidenceFiles.Manifest}: not valid JSON ({ex.Message})"], 0, 0);
            }

            if (manifest is null || manifest.Format != EvidenceFiles.Format || manifest.Files is null)
            {
                return new EvidenceVerification([$"{EvidenceFiles.Manifest}: not an {EvidenceFiles.Format} manifest"], 0, 0);
            }

            var checkedFiles = 0;
            foreach (var file in manifest.Files)
            {
                if (!contents.TryGetValue(file.Path, out var bytes))
                {
                    problems.Add($"{file.Path}: listed in the manifest but missing from the archive");
                    continue;
                }

                checkedFiles++;
                var actual = EvidenceExporter.Sha256(bytes);
                if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{file.Path}: SHA-256 {actual} does not match the manifest ({file.Sha256})");
                }
            }

            var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(contents.Keys.Where(k => k != EvidenceFiles.Manifest && !listed.Contains(k)).Order(StringComparer.Ordinal).Select(k => $"{k}: not listed in the manifest"));

            long auditEntries = 0;
            if (contents.TryGetValue(EvidenceFiles.Audit, out var auditBytes))
            {
                auditEntries = CheckAudit(auditBytes, manifest, problems);
            }
            else if (!problems.Any(p => p.StartsWith(EvidenceFiles.Audit, StringComparison.Ordinal)))
            {
                problems.Add($"{EvidenceFiles.Audit}: missing");
            }

            return new EvidenceVerification(problems, checkedFiles, auditEntries);
        }
    }

    private static long CheckAudit(byte[] auditBytes, EvidenceManifest manifest, List<string> problems)
    {
        List<AuditExtractEntry> entries;
        try
        {
            using var document = JsonDocument.Parse(auditBytes);
            entries = document.RootElement.GetProperty("entries").Deserialize<List<AuditExtractEntry>>(EvidenceJson.Options) ?? [];
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"{EvidenceFiles.Audit}: cannot be read as an audit extract ({ex.Message})");
            return 0;
        }

        var chain = AuditChain.Verify(entries.Select(e => e.ToEntry()));
        if (!chain.IsIntact)
        {
            problems.Add($"{EvidenceFiles.Audit}: audit chain broken at entry {chain.BrokenAtSequence}: {chain.Reason}");
        }
        else
        {
            if (entries.Count != manifest.AuditEntries)
            {
                problems.Add($"{EvidenceFiles.Audit}: holds {entries.Count} entries, the manifest says {manifest.AuditEntries}");
            }

            if (!string.Equals(chain.HeadHash, manifest.AuditHeadHash, StringComparison.Ordinal))
            {
                problems.Add($"{EvidenceFiles.Audit}: the chain ends at {chain.HeadHash ?? "(empty)"}, the manifest says {manifest.AuditHeadHash ?? "(empty)"}");
            }
        }

        return entries.Count;
    }
}
