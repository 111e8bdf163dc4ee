using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Remediation;
using AiSpm.Core.Secrets;
using AiSpm.Workflows.Models;
using Azure;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// The <c>CheckExposure</c> activity (read-only): re-reads the account from ARM (Resource Graph lags) for the rotation
/// policy (allow-lists, the <c>aispm-rotation</c> tag), lists its keys in memory and finds the exposed value among them
/// by fingerprint.
/// </summary>
public sealed class CheckExposureActivity(ArmRestClient arm, SecretFingerprinter fingerprinter, RotationPolicy policy)
{
    /// <summary>Runs the activity.</summary>
    public async Task<ExposureCheck> RunAsync(ExposedKeyRotation rotation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        if (RotatableKeyFamily.For(rotation.AccountId) is not { } family)
        {
            return new ExposureCheck(false, null, null, $"'{rotation.AccountId}' is not an account whose keys AiSpm rotates.");
        }

        (string First, string Second) keys;
        Dictionary<string, string> tags;
        try
        {
            tags = ArmTags.Read(await arm.GetAsync(rotation.AccountId, family.ApiVersion, cancellationToken).ConfigureAwait(false));
            keys = await family.ListKeysAsync(arm, rotation.AccountId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new ExposureCheck(false, null, null, "The account no longer exists.");
        }

        var exposure = SecretFingerprint.Parse(rotation.Fingerprint);
        var (exposed, partner) = fingerprinter.Matches(exposure, keys.First) ? (family.Slots.First, family.Slots.Second)
            : fingerprinter.Matches(exposure, keys.Second) ? (family.Slots.Second, family.Slots.First)
            : ((string?)null, (string?)null);
        if (exposed is null)
        {
            return new ExposureCheck(false, null, null, "The exposed value is no longer a key of the account.");
        }

        var refusal = policy.Refusal(rotation.RuleId, ArmId.SubscriptionOf(rotation.AccountId), tags);
        return new ExposureCheck(true, exposed, partner, $"The exposed value is {exposed}.", refusal, RotationPolicy.CeilingOf(tags)?.ToFlow());
    }
}
