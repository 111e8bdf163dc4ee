namespace AiSpm.Cli.Commands;

/// <summary>Process exit codes of the <c>aispm</c> CLI (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The job ran and found what <c>--fail-on</c> forbids.</summary>
    public const int FindingsAtThreshold = 1;

    /// <summary>A setting or argument is missing or malformed.</summary>
    public const int ConfigurationError = 2;

    /// <summary>A service (storage, Azure, Graph) could not be reached or refused the request.</summary>
    public const int ServiceError = 3;

    /// <summary>A local prerequisite (Node.js, Azurite) is missing.</summary>
    public const int PrerequisiteMissing = 4;

    /// <summary>Verification failed (tampered audit chain or export).</summary>
    public const int VerificationFailed = 5;

    /// <summary>Anything else.</summary>
    public const int UnexpectedError = 70;
}
