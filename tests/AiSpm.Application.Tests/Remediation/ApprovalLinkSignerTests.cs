using AiSpm.Application.Remediation.Rotation;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>The Approve/Reject link tokens: only this installation's, for this instance and action, before expiry.</summary>
public sealed class ApprovalLinkSignerTests
{
    private static readonly byte[] InstallationKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private const string Instance = "rotation-0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_token_is_valid_for_its_instance_and_action_until_it_expires()
    {
        var signer = new ApprovalLinkSigner(InstallationKey);
        var token = signer.Sign(Instance, "approve", Now.AddHours(24));

        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, Instance, "approve", Now));
        Assert.Equal(ApprovalLinkCheck.Valid, signer.Check(token, Instance, "approve", Now.AddHours(24)));
        Assert.Equal(ApprovalLinkCheck.Expired, signer.Check(token, Instance, "approve", Now.AddHours(24).AddSeconds(1)));
        Assert.Equal(ApprovalLinkCheck.WrongAction, signer.Check(token, Instance, "reject", Now));
        Assert.Equal(ApprovalLinkCheck.WrongInstance, signer.Check(token, Instance.Replace('0', '1'), "approve", Now));
        Assert.NotEqual(token, signer.Sign(Instance, "approve", Now.AddHours(24))); // a fresh nonce every time
    }

    [Fact]
    public void Any_change_to_a_token_or_another_installations_key_breaks_it()
    {
        var signer = new ApprovalLinkSigner(InstallationKey);
        var token = signer.Sign(Instance, "approve", Now.AddHours(1));
        var other = new ApprovalLinkSigner(InstallationKey.Select(b => (byte)(b ^ 0x5a)).ToArray());

        Assert.Equal(ApprovalLinkCheck.BadSignature, other.Check(token, Instance, "approve", Now));
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.')
            {
                continue;
            }

            foreach (var replacement in new[] { 'A', 'B', 'C', 'D' })
            {
                if (replacement != token[i])
                {
                    var tampered = token[..i] + replacement + token[(i + 1)..];
                    Assert.NotEqual(ApprovalLinkCheck.Valid, signer.Check(tampered, Instance, "approve", Now));
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData("dGVzdA.dGVzdA")]
    public void Malformed_tokens_are_refused_without_throwing(string? token)
    {
        var check = new ApprovalLinkSigner(InstallationKey).Check(token, Instance, "approve", Now);

        Assert.Contains(check, new[] { ApprovalLinkCheck.Malformed, ApprovalLinkCheck.BadSignature });
    }

    [Fact]
    public void A_short_installation_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ApprovalLinkSigner(new byte[16]));
    }
}
