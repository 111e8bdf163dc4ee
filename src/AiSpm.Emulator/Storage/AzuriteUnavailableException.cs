namespace AiSpm.Emulator.Storage;

/// <summary>Azurite could not be found or started. The message says what to do.</summary>
public sealed class AzuriteUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AzuriteUnavailableException(string message)
        : base(message)
    {
    }
}
