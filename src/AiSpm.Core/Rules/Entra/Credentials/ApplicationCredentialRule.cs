using System.Globalization;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Credentials;

/// <summary>A rule over each credential of this tenant's app registrations (agent blueprints included); one result per credential.</summary>
public abstract class ApplicationCredentialRule : DirectoryRule
{
    /// <summary>Which credentials the rule looks at.</summary>
    protected abstract CredentialKind Kind { get; }

    /// <inheritdoc />
    protected override bool ReadsGrants => false;

    /// <inheritdoc />
    protected sealed override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now) =>
        Check(directory, now, Policy.RuleSettings.Default);

    /// <inheritdoc />
    protected sealed override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now, Policy.RuleSettings settings)
    {
        if (directory.Applications.Count == 0 && directory.Missing("applications"))
        {
            yield return ("graph:/applications", RuleCheck.Unknown("App registrations were not collected (needs Application.Read.All)."));
            yield break;
        }

        foreach (var app in directory.Applications)
        {
            var credentials = app.Credentials.Where(c => c.Kind == Kind).ToList();
            foreach (var credential in credentials)
            {
                var evidence = new Dictionary<string, string>
                {
                    ["application"] = app.DisplayName,
                    ["appId"] = app.AppId,
                    ["keyId"] = credential.KeyId,
                    ["credential"] = credential.DisplayName ?? "(unnamed)",
                    ["startDateTime"] = credential.Start?.ToString("O", CultureInfo.InvariantCulture) ?? "(none)",
                    ["endDateTime"] = credential.End?.ToString("O", CultureInfo.InvariantCulture) ?? "(none)",
                };
                if (Check(app, credential, credentials, now, settings, evidence) is { } check)
                {
                    yield return (app.ResourceId, new RuleCheck(check.Outcome, check.Message, check.Evidence, credential.KeyId));
                }
            }
        }
    }

    /// <summary>Checks one credential; null when the rule does not apply to it.</summary>
    protected abstract RuleCheck? Check(DirectoryApplication app, DirectoryCredential credential, IReadOnlyList<DirectoryCredential> siblings, DateTimeOffset now, Policy.RuleSettings settings, Dictionary<string, string> evidence);

    /// <summary>Whole days, for messages.</summary>
    protected static string Days(TimeSpan span) => Math.Round(span.TotalDays).ToString(CultureInfo.InvariantCulture);
}
