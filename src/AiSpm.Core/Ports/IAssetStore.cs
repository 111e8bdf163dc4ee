using AiSpm.Core.Assets;

namespace AiSpm.Core.Ports;

/// <summary>Stores the AI inventory.</summary>
public interface IAssetStore
{
    /// <summary>Inserts or refreshes assets seen by a scan.</summary>
    Task RecordAsync(string scanId, IReadOnlyCollection<Asset> assets, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>Removes assets that are no longer there (those absent are ignored).</summary>
    Task RemoveAsync(IReadOnlyCollection<Asset> assets, CancellationToken cancellationToken = default);

    /// <summary>Lists the assets of a scope, or of every scope when null.</summary>
    IAsyncEnumerable<Asset> ListAsync(string? scope = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the assets of a scope, or of every scope when null; without <paramref name="withFacts"/> their tags and properties are not read (left empty).</summary>
    IAsyncEnumerable<Asset> ListAsync(string? scope, bool withFacts, CancellationToken cancellationToken = default);

    /// <summary>Lists the assets of every scope but <paramref name="exceptScope"/>; without <paramref name="withFacts"/> their tags and properties are not read.</summary>
    IAsyncEnumerable<Asset> ListAllButAsync(string exceptScope, bool withFacts, CancellationToken cancellationToken = default);
}
