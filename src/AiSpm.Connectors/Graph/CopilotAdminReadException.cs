namespace AiSpm.Connectors.Graph;

/// <summary>The Copilot admin import could not name who is signed in; nothing was read.</summary>
public sealed class CopilotAdminReadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CopilotAdminReadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CopilotAdminReadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CopilotAdminReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
