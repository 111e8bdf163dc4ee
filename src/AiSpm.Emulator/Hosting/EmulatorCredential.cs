using System.Security.Cryptography;
using System.Text;
using Azure.Core;

namespace AiSpm.Emulator.Hosting;

/// <summary>
/// A local credential that hands out a fake bearer token for any scope. The emulator accepts any non-empty bearer
/// token as the app's own (app-only); a token of <see cref="ForUser"/> stands for a signed-in user (delegated), which
/// Microsoft Graph's delegated-only endpoints (<c>/me</c>, the Copilot admin settings and catalogue) require.
/// </summary>
public sealed class EmulatorCredential : TokenCredential
{
    /// <summary>How a delegated token begins: <c>emulator-user.{base64 user principal name}.{nonce}</c>.</summary>
    internal const string UserTokenPrefix = "emulator-user.";

    private readonly TimeProvider _time;
    private readonly string? _userToken;
    private int _tokensIssued;

    /// <summary>Creates the credential; tokens expire an hour after <paramref name="time"/>'s now.</summary>
    public EmulatorCredential(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    private EmulatorCredential(string userPrincipalName, TimeProvider? time)
        : this(time) =>
        _userToken = UserTokenPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(userPrincipalName)) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The number of tokens handed out (the Key Vault challenge flow asks once the server has challenged).</summary>
    public int TokensIssued => _tokensIssued;

    /// <summary>A credential signed in as <paramref name="userPrincipalName"/>: its tokens are delegated, and unique to it.</summary>
    public static EmulatorCredential ForUser(string userPrincipalName, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userPrincipalName);
        return new EmulatorCredential(userPrincipalName, time);
    }

    /// <summary>The user a bearer token stands for, or null for an app-only token.</summary>
    internal static string? UserOf(string? bearerToken)
    {
        if (bearerToken is null || !bearerToken.StartsWith(UserTokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var encoded = bearerToken[UserTokenPrefix.Length..].Split('.')[0];
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) is { Length: > 0 } user ? user : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tokensIssued);
        var scope = requestContext.Scopes.FirstOrDefault() ?? "none";
        return new AccessToken(_userToken ?? "emulator." + Convert.ToBase64String(Encoding.UTF8.GetBytes(scope)), _time.GetUtcNow().AddHours(1));
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
