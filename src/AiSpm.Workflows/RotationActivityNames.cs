namespace AiSpm.Workflows;

/// <summary>
/// The activities of the <c>RotateExposedKey</c> orchestration, by name. Each is idempotent and audited; key values never
/// leave them (inputs and outputs carry slots, fingerprints and versions only).
/// </summary>
public static class RotationActivityNames
{
    /// <summary><see cref="Models.ExposedKeyRotation"/> → <see cref="Models.ExposureCheck"/>: is the exposed value still one of the account's keys, in which slot.</summary>
    public const string CheckExposure = nameof(CheckExposure);

    /// <summary><see cref="Models.KeySlotAction"/> → nothing: regenerates one key slot of the account.</summary>
    public const string RegenerateKeySlot = nameof(RegenerateKeySlot);

    /// <summary><see cref="Models.KeySlotAction"/> → the secret version: writes the slot's current key to Key Vault as the current version.</summary>
    public const string StoreCurrentKey = nameof(StoreCurrentKey);

    /// <summary><see cref="Models.ExposedKeyRotation"/> → true when the exposed value is no longer a key of the account (by fingerprint).</summary>
    public const string VerifyRotated = nameof(VerifyRotated);

    /// <summary><see cref="Models.ApprovalRequest"/> → nothing: posts the Teams card asking an owner to approve or reject.</summary>
    public const string RequestApproval = nameof(RequestApproval);

    /// <summary><see cref="Models.ApprovalRequest"/> → nothing: posts the escalation card when nobody answered in time.</summary>
    public const string EscalateApproval = nameof(EscalateApproval);

    /// <summary><see cref="Models.RotationResult"/> → nothing: records and audits how the rotation ended, and posts the outcome card.</summary>
    public const string RecordRotation = nameof(RecordRotation);
}
