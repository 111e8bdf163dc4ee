namespace AiSpm.Core.Assets;

/// <summary>What an inventory entry is, across Azure, Entra ID and Microsoft 365.</summary>
public enum AssetClass
{
    /// <summary>An Azure AI resource: an account, deployment, project, workspace, search service, bot, ….</summary>
    AiResource,

    /// <summary>An app in the directory recognised as AI (third-party or home-grown), with the reason and confidence of the match.</summary>
    AiApp,

    /// <summary>A Microsoft 365 Copilot catalogue package (an agent or extension available to users).</summary>
    CopilotPackage,

    /// <summary>An Entra agent identity.</summary>
    AgentIdentity,

    /// <summary>An Entra agent identity blueprint (the app agents are created from).</summary>
    AgentBlueprint,

    /// <summary>A web app, function, container app or deployment whose settings carry an AI key.</summary>
    KeyConsumer,

    /// <summary>A managed identity an AI resource runs as, with the Azure roles it holds (what the AI can reach).</summary>
    Identity,

    /// <summary>A Copilot Studio agent of a Power Platform environment, with its sharing, authentication, tools and knowledge.</summary>
    CopilotStudioAgent,
}
