using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AiSpm.Connectors.Storage;

/// <summary>Checks storage settings at start-up and says which setting is wrong and why, never echoing a key.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TablePrefix().IsMatch(options.TablePrefix))
        {
            return ValidateOptionsResult.Fail($"'{StorageOptions.SettingName}__tablePrefix' may hold only letters and digits, starting with a letter, at most 21 (got '{options.TablePrefix}').");
        }

        // Checked in both forms: a connection string makes them unused, but a mistyped one must not pass silently.
        if (options.Credential is { } credential && !string.Equals(credential, "managedidentity", StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail($"'{StorageOptions.SettingName}__credential' may only be 'managedidentity' (or unset for the default credential chain), not '{credential}'.");
        }

        if (options.ClientId is { } clientId && !Guid.TryParseExact(clientId, "D", out _))
        {
            return ValidateOptionsResult.Fail($"'{StorageOptions.SettingName}__clientId' must be the client id (a GUID) of the user-assigned managed identity, not '{clientId}'.");
        }

        if (!options.IsIdentityBased)
        {
            var problem = StorageClientFactory.ConnectionStringProblem(options.ConnectionString!);
            return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
        }

        if (options.AccountName is { } account && !AccountName().IsMatch(account))
        {
            return ValidateOptionsResult.Fail($"'{StorageOptions.SettingName}__accountName' must be 3-24 lower-case letters and digits, not '{account}'.");
        }

        if (options.ResolvedTableServiceUri is null || options.ResolvedQueueServiceUri is null)
        {
            return ValidateOptionsResult.Fail(
                $"Storage is not configured: set '{StorageOptions.SettingName}' to a connection string (for Azurite: UseDevelopmentStorage=true), " +
                $"or '{StorageOptions.SettingName}__accountName' (or both '{StorageOptions.SettingName}__tableServiceUri' and '{StorageOptions.SettingName}__queueServiceUri') for identity-based access.");
        }

        foreach (var (setting, uri) in new[] { ("tableServiceUri", options.ResolvedTableServiceUri), ("queueServiceUri", options.ResolvedQueueServiceUri) })
        {
            if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps)
            {
                return ValidateOptionsResult.Fail($"'{StorageOptions.SettingName}__{setting}' must be an absolute https URI (tokens are never sent over http); got '{uri}'.");
            }
        }

        return ValidateOptionsResult.Success;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9]{0,20})?$")]
    private static partial Regex TablePrefix();

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountName();
}
