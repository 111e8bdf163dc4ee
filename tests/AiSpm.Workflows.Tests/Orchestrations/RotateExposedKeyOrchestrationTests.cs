using System.Collections.Concurrent;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing;

namespace AiSpm.Workflows.Tests.Orchestrations;

/// <summary>
/// The rotation's order and safety invariants, on the Durable Task in-process host with stand-in activities that
/// record every step: never rotate a key that is not exposed, never regenerate the exposed slot before a fresh key is
/// stored and the consumer wait has passed, never twice for one exposure, nothing without an approval in that flow.
/// </summary>
public sealed class RotateExposedKeyOrchestrationTests
{
    private const string Account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    private sealed class StandIns
    {
        public ConcurrentQueue<(string Step, string? Slot, DateTimeOffset At)> Steps { get; } = new();

        public Queue<ExposureCheck> Checks { get; } = new();

        public bool Verifies { get; set; } = true;

        public ConcurrentQueue<RotationResult> Recorded { get; } = new();

        public ConcurrentQueue<(string ActivityInstance, ApprovalRequest Request)> Approvals { get; } = new();

        public void Register(DurableTaskRegistry registry)
        {
            registry.AddOrchestratorFunc<ExposedKeyRotation, RotationResult>(RotateExposedKeyOrchestration.Name, (context, rotation) => RotateExposedKeyOrchestration.RunAsync(context, rotation));
            registry.AddActivityFunc<ExposedKeyRotation, ExposureCheck>(RotationActivityNames.CheckExposure, (_, _) =>
            {
                Steps.Enqueue(("check", null, DateTimeOffset.UtcNow));
                lock (Checks)
                {
                    return Task.FromResult(Checks.Count > 1 ? Checks.Dequeue() : Checks.Peek());
                }
            });
            registry.AddActivityFunc<KeySlotAction>(RotationActivityNames.RegenerateKeySlot, (_, action) =>
            {
                Steps.Enqueue(("regenerate", action.Slot, DateTimeOffset.UtcNow));
                return Task.CompletedTask;
            });
            registry.AddActivityFunc<KeySlotAction, string>(RotationActivityNames.StoreCurrentKey, (_, action) =>
            {
                Steps.Enqueue(("store", action.Slot, DateTimeOffset.UtcNow));
                return Task.FromResult("v2");
            });
            registry.AddActivityFunc<ExposedKeyRotation, bool>(RotationActivityNames.VerifyRotated, (_, _) =>
            {
                Steps.Enqueue(("verify", null, DateTimeOffset.UtcNow));
                return Task.FromResult(Verifies);
            });
            registry.AddActivityFunc<ApprovalRequest>(RotationActivityNames.RequestApproval, (context, request) =>
            {
                Approvals.Enqueue((context.InstanceId, request));
                Steps.Enqueue(("card", null, DateTimeOffset.UtcNow));
                return Task.CompletedTask;
            });
            registry.AddActivityFunc<ApprovalRequest>(RotationActivityNames.EscalateApproval, (_, _) =>
            {
                Steps.Enqueue(("escalate", null, DateTimeOffset.UtcNow));
                return Task.CompletedTask;
            });
            registry.AddActivityFunc<RotationResult>(RotationActivityNames.RecordRotation, (_, result) =>
            {
                Recorded.Enqueue(result);
                return Task.CompletedTask;
            });
        }

        public IReadOnlyList<string> Sequence => Steps.Select(s => s.Slot is null ? s.Step : $"{s.Step} {s.Slot}").ToList();
    }

    private static ExposedKeyRotation Rotation(RotationFlow flow, TimeSpan? approvalTimeout = null) =>
        new("fp-0123456789abcdef", Account, "AISPM-3001", "finding-1", flow, Wait, approvalTimeout ?? TimeSpan.FromMinutes(5));

    private static ExposureCheck Exposed => new(true, "key1", "key2", "The exposed value is key1.");

    private static async Task<RotationResult> CompletionAsync(DurableTaskClient client, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<RotationResult>()!;
    }

    [Fact]
    public async Task Auto_rotates_the_partner_first_stores_it_waits_then_rotates_the_exposed_slot_and_verifies()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(Exposed);
        await using var host = await TestHost.StartAsync(standIns.Register);

        var (id, started) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto));
        var result = await CompletionAsync(host.Client, id);

        Assert.Equal(RotationStart.Started, started);
        Assert.Equal(RotationOutcome.Completed, result.Outcome);
        Assert.Equal(["check", "regenerate key2", "store key2", "regenerate key1", "verify"], standIns.Sequence);
        var steps = standIns.Steps.ToList();
        var stored = steps.Single(s => s.Step == "store").At;
        var exposedRegenerated = steps.Single(s => s is { Step: "regenerate", Slot: "key1" }).At;
        Assert.True(exposedRegenerated - stored >= Wait - TimeSpan.FromMilliseconds(50), $"the exposed slot was regenerated {exposedRegenerated - stored} after the new key was stored");
        Assert.Equal(RotationOutcome.Completed, Assert.Single(standIns.Recorded).Outcome);
    }

    [Fact]
    public async Task A_key_that_is_no_longer_exposed_is_never_rotated()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(new ExposureCheck(false, null, null, "The value is not a key of the account any more."));
        await using var host = await TestHost.StartAsync(standIns.Register);

        var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto));
        var result = await CompletionAsync(host.Client, id);

        Assert.Equal(RotationOutcome.NoLongerExposed, result.Outcome);
        Assert.Equal(["check"], standIns.Sequence);
    }

    [Fact]
    public async Task A_dry_run_checks_and_reports_and_changes_nothing()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(Exposed);
        await using var host = await TestHost.StartAsync(standIns.Register);

        var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.DryRun));
        var result = await CompletionAsync(host.Client, id);

        Assert.Equal(RotationOutcome.Planned, result.Outcome);
        Assert.Contains("Would regenerate key2", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["check"], standIns.Sequence);
    }

    [Fact]
    public async Task Approval_waits_for_the_owner_then_checks_again_and_rotates_as_the_approver()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(Exposed);
        await using var host = await TestHost.StartAsync(standIns.Register);

        var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Approval));
        await WaitForStepAsync(host.Client, id, "awaiting-approval");
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            // The step is recorded as the card is scheduled; the responder answers once the card is there.
            while (standIns.Approvals.IsEmpty)
            {
                await Task.Delay(50, cts.Token);
            }
        }

        var beforeApproval = standIns.Sequence;
        await host.Client.RaiseEventAsync(id, RotateExposedKeyOrchestration.DecisionEvent, new RotationDecision(true, "owner@contoso.com"));
        var result = await CompletionAsync(host.Client, id);

        Assert.Equal(["check", "card"], beforeApproval);
        var (_, request) = Assert.Single(standIns.Approvals);
        Assert.Equal(id, request.InstanceId);
        Assert.Equal(("key1", "key2"), (request.ExposedSlot, request.PartnerSlot));
        Assert.Equal(["check", "card", "check", "regenerate key2", "store key2", "regenerate key1", "verify"], standIns.Sequence);
        Assert.Equal(RotationOutcome.Completed, result.Outcome);
        Assert.Equal("owner@contoso.com", result.Actor);
    }

    [Fact]
    public async Task A_rejection_or_no_answer_in_time_leaves_the_key_alone()
    {
        var rejected = new StandIns();
        rejected.Checks.Enqueue(Exposed);
        await using (var host = await TestHost.StartAsync(rejected.Register))
        {
            var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Approval));
            await WaitForStepAsync(host.Client, id, "awaiting-approval");
            await host.Client.RaiseEventAsync(id, RotateExposedKeyOrchestration.DecisionEvent, new RotationDecision(false, "owner@contoso.com"));
            Assert.Equal(RotationOutcome.Rejected, (await CompletionAsync(host.Client, id)).Outcome);
        }

        var silent = new StandIns();
        silent.Checks.Enqueue(Exposed);
        await using (var host = await TestHost.StartAsync(silent.Register))
        {
            var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Approval, TimeSpan.FromSeconds(1)));
            Assert.Equal(RotationOutcome.Escalated, (await CompletionAsync(host.Client, id)).Outcome);
        }

        Assert.Equal(["check", "card"], rejected.Sequence);
        Assert.Equal(["check", "card", "escalate"], silent.Sequence);
    }

    [Fact]
    public async Task An_approval_that_comes_after_a_manual_rotation_rotates_nothing()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(Exposed);
        standIns.Checks.Enqueue(new ExposureCheck(false, null, null, "Rotated by hand meanwhile."));
        await using var host = await TestHost.StartAsync(standIns.Register);

        var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Approval));
        await WaitForStepAsync(host.Client, id, "awaiting-approval");
        await host.Client.RaiseEventAsync(id, RotateExposedKeyOrchestration.DecisionEvent, new RotationDecision(true, "owner@contoso.com"));
        var result = await CompletionAsync(host.Client, id);

        Assert.Equal(RotationOutcome.NoLongerExposed, result.Outcome);
        Assert.DoesNotContain(standIns.Sequence, s => s.StartsWith("regenerate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_detection_of_the_same_exposure_joins_the_running_rotation()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(Exposed);
        await using var host = await TestHost.StartAsync(standIns.Register);

        var (id, first) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto));
        await WaitForStepAsync(host.Client, id, "waiting-for-consumers");
        var (again, second) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto) with { FindingId = "finding-2" });
        await CompletionAsync(host.Client, id);

        Assert.Equal(RotationStart.Started, first);
        Assert.Equal(RotationStart.Joined, second);
        Assert.Equal(id, again);
        Assert.Equal(2, standIns.Sequence.Count(s => s.StartsWith("regenerate", StringComparison.Ordinal)));
        Assert.Single(standIns.Recorded);
    }

    [Fact]
    public void Instance_ids_are_per_exposure_and_account()
    {
        var id = RotateExposedKeyOrchestration.InstanceIdFor("fp-1", Account);

        Assert.Equal(id, RotateExposedKeyOrchestration.InstanceIdFor("fp-1", Account.ToUpperInvariant()));
        Assert.NotEqual(id, RotateExposedKeyOrchestration.InstanceIdFor("fp-2", Account));
        Assert.Matches("^rotation-[0-9a-f]{16}-[0-9a-f]{16}$", id);
        Assert.StartsWith(RotateExposedKeyOrchestration.AccountPrefix(Account), RotateExposedKeyOrchestration.InstanceIdFor("fp-2", Account), StringComparison.Ordinal);
        Assert.False(RotateExposedKeyOrchestration.InstanceIdFor("fp-1", Account + "2").StartsWith(RotateExposedKeyOrchestration.AccountPrefix(Account), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_policy_refusal_rotates_nothing_and_the_account_tag_can_only_make_the_flow_stricter()
    {
        var refused = new StandIns();
        refused.Checks.Enqueue(Exposed with { Refusal = "the resource carries the opt-out tag aispm-rotation=off" });
        var tagged = new StandIns();
        tagged.Checks.Enqueue(Exposed with { Ceiling = RotationFlow.Approval });
        var loosened = new StandIns();
        loosened.Checks.Enqueue(Exposed with { Ceiling = RotationFlow.Auto });
        RotationResult refusal, viaTag, dryRun;
        await using (var host = await TestHost.StartAsync(refused.Register))
        {
            refusal = await CompletionAsync(host.Client, (await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto))).InstanceId);
        }

        await using (var host = await TestHost.StartAsync(tagged.Register))
        {
            var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto));
            await WaitForStepAsync(host.Client, id, "awaiting-approval");
            await host.Client.RaiseEventAsync(id, RotateExposedKeyOrchestration.DecisionEvent, new RotationDecision(false, "owner@contoso.com"));
            viaTag = await CompletionAsync(host.Client, id);
        }

        await using (var host = await TestHost.StartAsync(loosened.Register))
        {
            dryRun = await CompletionAsync(host.Client, (await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.DryRun))).InstanceId);
        }

        Assert.Equal(RotationOutcome.NotAllowed, refusal.Outcome);
        Assert.Contains("opt-out", refusal.Detail, StringComparison.Ordinal);
        Assert.Equal(["check"], refused.Sequence);
        Assert.Equal((RotationOutcome.Rejected, RotationFlow.Approval), (viaTag.Outcome, viaTag.Rotation.Flow));
        Assert.Equal(["check", "card"], tagged.Sequence);
        Assert.Equal(RotationOutcome.Planned, dryRun.Outcome);
        Assert.Equal(["check"], loosened.Sequence);
    }

    [Fact]
    public async Task An_account_is_never_rotated_by_two_instances_at_once()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(Exposed);
        await using var host = await TestHost.StartAsync(standIns.Register);

        var (first, started) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto));
        await WaitForStepAsync(host.Client, first, "waiting-for-consumers");
        var (other, otherStart) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto) with { Fingerprint = "fp-the-other-key" });
        await CompletionAsync(host.Client, first);
        var (_, afterwards) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Auto) with { Fingerprint = "fp-the-other-key" });
        await CompletionAsync(host.Client, other);

        Assert.Equal(RotationStart.Started, started);
        Assert.Equal(RotationStart.AccountBusy, otherStart);
        Assert.Equal(RotationStart.Started, afterwards);
        // The second exposure's instance began only after the first had regenerated both slots and verified.
        Assert.Equal(["check", "regenerate key2", "store key2", "regenerate key1", "verify", "check", "regenerate key2", "store key2", "regenerate key1", "verify"], standIns.Sequence);
    }

    [Fact]
    public async Task An_ended_rotation_starts_again_only_when_its_end_does_not_stand()
    {
        var standIns = new StandIns();
        standIns.Checks.Enqueue(Exposed);
        await using var host = await TestHost.StartAsync(standIns.Register);

        // Rejected: stands; a later detection does not ask again.
        var (id, _) = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Approval));
        await WaitForStepAsync(host.Client, id, "awaiting-approval");
        await host.Client.RaiseEventAsync(id, RotateExposedKeyOrchestration.DecisionEvent, new RotationDecision(false, "owner@contoso.com"));
        await CompletionAsync(host.Client, id);
        var afterRejection = await RotationStarter.StartAsync(host.Client, Rotation(RotationFlow.Approval));

        // A dry run stands while the mode is DryRun, and gives way when the mode becomes Auto.
        var dry = Rotation(RotationFlow.DryRun) with { Fingerprint = "fp-dry" };
        var other = Rotation(RotationFlow.Auto) with { AccountId = Account + "-dry" };
        var (dryId, _) = await RotationStarter.StartAsync(host.Client, dry with { AccountId = other.AccountId });
        await CompletionAsync(host.Client, dryId);
        var sameMode = await RotationStarter.StartAsync(host.Client, dry with { AccountId = other.AccountId });
        var modeChanged = await RotationStarter.StartAsync(host.Client, dry with { AccountId = other.AccountId, Flow = RotationFlow.Auto });
        var rotated = await CompletionAsync(host.Client, dryId);

        // Escalated (nobody answered): asked again at the next detection.
        var silent = Rotation(RotationFlow.Approval, TimeSpan.FromSeconds(1)) with { AccountId = Account + "-silent" };
        var (silentId, _) = await RotationStarter.StartAsync(host.Client, silent);
        Assert.Equal(RotationOutcome.Escalated, (await CompletionAsync(host.Client, silentId)).Outcome);
        var askedAgain = await RotationStarter.StartAsync(host.Client, silent);

        Assert.Equal((id, RotationStart.Ended), afterRejection);
        Assert.Equal(RotationStart.Ended, sameMode.Start);
        Assert.Equal(RotationStart.Started, modeChanged.Start);
        Assert.Equal(RotationOutcome.Completed, rotated.Outcome);
        Assert.Equal((silentId, RotationStart.Started), askedAgain);
        await host.Client.TerminateInstanceAsync(silentId);
    }

    [Theory]
    [InlineData("checking", false)]
    [InlineData("rotating-partner", false)]
    [InlineData("waiting-for-consumers", true)]
    [InlineData("rotating-exposed", true)]
    [InlineData("verifying", true)]
    public void A_rotation_that_failed_after_storing_the_fresh_partner_key_is_not_started_over(string failedAt, bool stands)
    {
        var failed = new OrchestrationMetadata(RotateExposedKeyOrchestration.Name, "rotation-0123456789abcdef-0123456789abcdef")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            SerializedCustomStatus = JsonDataConverter.Default.Serialize(new RotationProgress(failedAt, RotationFlow.Auto, DateTimeOffset.UtcNow)),
            DataConverter = JsonDataConverter.Default,
        };

        Assert.Equal(stands, RotationStarter.Stands(failed, RotationFlow.Auto));
    }

    private static async Task WaitForStepAsync(DurableTaskClient client, string id, string step)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cts.Token);
            if (instance?.SerializedCustomStatus is { Length: > 0 } && instance.ReadCustomStatusAs<RotationProgress>()!.Step == step)
            {
                return;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
