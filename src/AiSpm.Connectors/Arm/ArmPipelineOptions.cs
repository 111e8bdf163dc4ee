using Azure.Core;

namespace AiSpm.Connectors.Arm;

/// <summary>Pipeline options for Resource Manager and Resource Graph calls.</summary>
public sealed class ArmPipelineOptions : ClientOptions
{
    /// <summary>Creates options with retry defaults suited to ARM throttling (429 with Retry-After).</summary>
    /// <param name="networkTimeout">How long one attempt waits for an answer; null for the SDK's default (100 s).</param>
    public ArmPipelineOptions(TimeSpan? networkTimeout = null)
    {
        if (networkTimeout is { } timeout)
        {
            Retry.NetworkTimeout = timeout;
        }

        Retry.MaxRetries = 6;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(60);
        Retry.Mode = RetryMode.Exponential;
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.ApplicationId = "aispm";
    }
}
