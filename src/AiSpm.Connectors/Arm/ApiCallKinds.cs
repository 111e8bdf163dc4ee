namespace AiSpm.Connectors.Arm;

/// <summary>The kinds <see cref="ApiCallCounter"/> counts.</summary>
public static class ApiCallKinds
{
    /// <summary>A Resource Graph query (each page is one).</summary>
    public const string ResourceGraph = "resourcegraph";

    /// <summary>An ARM GET.</summary>
    public const string ArmRead = "arm-read";

    /// <summary>An ARM POST action (listKeys, regenerateKey, …).</summary>
    public const string ArmAction = "arm-action";

    /// <summary>A read of an AI Search service's data plane (<c>/datasources</c>, <c>/indexers</c>).</summary>
    public const string SearchDataPlane = "search-dataplane";

    /// <summary>A read of Blob storage's data plane (listing or reading a blob, when data sampling is on).</summary>
    public const string BlobDataPlane = "blob-dataplane";

    /// <summary>A 429 answer (also counted under its kind).</summary>
    public const string Throttled = "throttled";
}
