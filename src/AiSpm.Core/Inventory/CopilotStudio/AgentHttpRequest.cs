namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>An HTTP request node (<c>HttpRequestAction</c>) of a topic.</summary>
/// <param name="Component">The topic's name.</param>
/// <param name="Url">The URL as written: a literal, or a Power Fx expression starting with <c>=</c>.</param>
/// <param name="Method">GET, POST, … or null (GET).</param>
public sealed record AgentHttpRequest(string Component, string Url, string? Method)
{
    /// <summary>True when the URL is computed at run time (a Power Fx expression).</summary>
    public bool IsComputed => Url.TrimStart().StartsWith('=');
}
