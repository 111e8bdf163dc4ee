using AiSpm.Application.Scanning;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Secrets;
using AiSpm.Workflows.Models;
using Azure;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>The <c>CheckExposure</c> activity: reads the account's keys and finds the exposed value among them by fingerprint.</summary>
public sealed class CheckExposureActivity(ArmConnection arm, ScanOptions options)
{
    /// <summary>Runs the activity (read-only).</summary>
    public async Task<ExposureCheck> RunAsync(ExposedKeyRotation rotation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        if (RotatableKeyFamily.For(rotation.AccountId) is not { } family)
        {
            return new ExposureCheck(false, null, null, $"'{rotation.AccountId}' is not an account whose keys AiSpm rotates.");
        }

        (string First, string Second) keys;
        try
        {
            keys = await family.ListKeysAsync(new ArmRestClient(arm), rotation.AccountId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new ExposureCheck(false, null, null, "The account no longer exists.");
        }

        using var fingerprinter = new SecretFingerprinter(options.FingerprintKey ?? throw new InvalidOperationException("ScanOptions.FingerprintKey is not set."));
        var exposure = SecretFingerprint.Parse(rotation.Fingerprint);
        return fingerprinter.Matches(exposure, keys.First) ? new ExposureCheck(true, family.Slots.First, family.Slots.Second, $"The exposed value is {family.Slots.First}.")
            : fingerprinter.Matches(exposure, keys.Second) ? new ExposureCheck(true, family.Slots.Second, family.Slots.First, $"The exposed value is {family.Slots.Second}.")
            : new ExposureCheck(false, null, null, "The exposed value is no longer a key of the account.");
    }
}
