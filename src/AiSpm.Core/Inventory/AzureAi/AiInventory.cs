namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>The Azure AI part of the AI-BOM: every AI resource found, indexed by id and by parent.</summary>
public sealed class AiInventory
{
    private readonly Dictionary<string, AiResource> _byId;
    private readonly ILookup<string, AiResource> _byParent;

    /// <summary>Creates the inventory.</summary>
    /// <param name="resources">The AI resources.</param>
    /// <param name="models">The live model lifecycle of the locations listed through the Models API, if any.</param>
    public AiInventory(IEnumerable<AiResource> resources, ModelLifecycleIndex? models = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        Resources = resources.ToList();
        Models = models ?? ModelLifecycleIndex.Empty;
        _byId = new Dictionary<string, AiResource>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in Resources)
        {
            _byId[resource.Id] = resource;
        }

        _byParent = Resources.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An empty inventory.</summary>
    public static AiInventory Empty { get; } = new([]);

    /// <summary>The live model lifecycle (Models API) of the locations the collection listed; empty when none was read.</summary>
    public ModelLifecycleIndex Models { get; }

    /// <summary>All resources.</summary>
    public IReadOnlyList<AiResource> Resources { get; }

    /// <summary>Resources of one family.</summary>
    public IEnumerable<AiResource> OfFamily(AiResourceFamily family) => Resources.Where(r => r.Family == family);

    /// <summary>A resource by id (case-insensitive), or null.</summary>
    public AiResource? Get(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The child resources of a parent, optionally of one family.</summary>
    public IEnumerable<AiResource> ChildrenOf(string parentId, AiResourceFamily? family = null) =>
        _byParent[parentId].Where(r => family is null || r.Family == family);
}
