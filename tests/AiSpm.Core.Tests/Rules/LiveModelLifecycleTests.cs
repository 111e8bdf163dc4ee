using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.AzureAi.ModelLifecycle;

namespace AiSpm.Core.Tests.Rules;

/// <summary>AISPM-1150 and AISPM-1151 prefer the Models API lifecycle of the deployment's location over the catalogue.</summary>
public sealed class LiveModelLifecycleTests
{
    private const string Account = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai";
    private static readonly DateTimeOffset ReadAt = RuleFixtures.EvaluatedAt.AddHours(-1);

    [Fact]
    public void A_past_inference_date_in_the_live_list_fails_1150_and_names_the_models_api()
    {
        var snapshot = Snapshot("gpt-4.1", "2025-04-14", "GlobalStandard", """
            [{"kind":"OpenAI","skuName":"S0","model":{"format":"OpenAI","name":"gpt-4.1","version":"2025-04-14","lifecycleStatus":"Deprecating",
              "deprecation":{"inference":"2026-11-01T00:00:00Z"},"skus":[{"name":"GlobalStandard","usageName":"OpenAI.GlobalStandard.gpt-4.1"}]}}]
            """);

        var retired = Assert.Single(new DeploymentRetiredModelVersion().Evaluate(snapshot));
        var retiring = Assert.Single(new DeploymentRetiringModelVersion().Evaluate(snapshot));

        Assert.Equal(RuleOutcome.Fail, retired.Outcome);
        Assert.Contains("retired on 2026-11-01 per the Models API", retired.Message, StringComparison.Ordinal);
        Assert.Equal("Models API (swedencentral, 2026-11-21)", retired.Evidence["source"]);
        Assert.Equal("deprecation.inference", retired.Evidence["retirementField"]);
        Assert.Equal(RuleOutcome.NotApplicable, retiring.Outcome);
    }

    [Fact]
    public void The_deployment_skus_own_deprecation_date_wins_over_the_inference_date()
    {
        var models = """
            [{"kind":"OpenAI","skuName":"S0","model":{"format":"OpenAI","name":"gpt-4o","version":"2024-08-06","lifecycleStatus":"Deprecating",
              "deprecation":{"inference":"2027-03-01T00:00:00Z"},
              "skus":[{"name":"Standard","deprecationDate":"2026-03-31T00:00:00Z"},{"name":"GlobalStandard","deprecationDate":"2027-03-01T00:00:00Z"}]}}]
            """;

        var standard = Assert.Single(new DeploymentRetiredModelVersion().Evaluate(Snapshot("gpt-4o", "2024-08-06", "Standard", models)));
        var global = Assert.Single(new DeploymentRetiredModelVersion().Evaluate(Snapshot("gpt-4o", "2024-08-06", "GlobalStandard", models)));

        Assert.Equal(RuleOutcome.Fail, standard.Outcome);
        Assert.Equal("skus[Standard].deprecationDate", standard.Evidence["retirementField"]);
        Assert.Equal(RuleOutcome.Pass, global.Outcome);
        Assert.Equal("2027-03-01", global.Evidence["retirement"]);
    }

    [Fact]
    public void A_live_date_within_90_days_fails_1151_even_where_the_catalogue_schedule_has_passed()
    {
        // The catalogue schedules o3-mini 2025-01-31 for 2026-08-02; the live list moved it to 2027-02-01.
        var snapshot = Snapshot("o3-mini", "2025-01-31", "GlobalStandard", """
            [{"kind":"OpenAI","model":{"format":"OpenAI","name":"o3-mini","version":"2025-01-31","lifecycleStatus":"Deprecating","deprecation":{"inference":"2027-02-01T00:00:00Z"}}}]
            """);

        var retiring = Assert.Single(new DeploymentRetiringModelVersion().Evaluate(snapshot));
        var retired = Assert.Single(new DeploymentRetiredModelVersion().Evaluate(snapshot));

        Assert.Equal(RuleOutcome.Fail, retiring.Outcome);
        Assert.Equal("71", retiring.Evidence["daysLeft"]);
        Assert.StartsWith("Models API (swedencentral", retiring.Evidence["source"], StringComparison.Ordinal);
        Assert.Equal(RuleOutcome.Pass, retired.Outcome);
    }

    [Fact]
    public void Deprecated_without_a_date_is_retired()
    {
        var snapshot = Snapshot("gpt-4", "0314", "Standard", """
            [{"kind":"OpenAI","model":{"format":"OpenAI","name":"gpt-4","version":"0314","lifecycleStatus":"Deprecated","skus":[{"name":"Standard"}]}}]
            """);

        var retired = Assert.Single(new DeploymentRetiredModelVersion().Evaluate(snapshot));

        Assert.Equal(RuleOutcome.Fail, retired.Outcome);
        Assert.Equal("Deprecated", retired.Evidence["lifecycleStatus"]);
        Assert.Equal("(none listed)", retired.Evidence["retirement"]);
        Assert.Equal(RuleOutcome.NotApplicable, Assert.Single(new DeploymentRetiringModelVersion().Evaluate(snapshot)).Outcome);
    }

    [Fact]
    public void Deprecating_without_a_date_leaves_1151_unknown_and_generally_available_without_one_passes()
    {
        var deprecating = Snapshot("gpt-4.1", "2025-04-14", "GlobalStandard", """
            [{"model":{"format":"OpenAI","name":"gpt-4.1","version":"2025-04-14","lifecycleStatus":"Deprecating"}}]
            """);
        var available = Snapshot("gpt-4.1", "2025-04-14", "GlobalStandard", """
            [{"model":{"format":"OpenAI","name":"gpt-4.1","version":"2025-04-14","lifecycleStatus":"GenerallyAvailable"}}]
            """);

        Assert.Equal(RuleOutcome.Unknown, Assert.Single(new DeploymentRetiringModelVersion().Evaluate(deprecating)).Outcome);
        Assert.Equal(RuleOutcome.Pass, Assert.Single(new DeploymentRetiringModelVersion().Evaluate(available)).Outcome);
        Assert.Equal(RuleOutcome.Pass, Assert.Single(new DeploymentRetiredModelVersion().Evaluate(available)).Outcome);
    }

    [Fact]
    public void A_version_the_live_list_does_not_hold_falls_back_to_the_catalogue()
    {
        var snapshot = Snapshot("gpt-35-turbo", "0301", "Standard", """
            [{"model":{"format":"OpenAI","name":"gpt-4.1","version":"2025-04-14","lifecycleStatus":"GenerallyAvailable"}}]
            """);

        var retired = Assert.Single(new DeploymentRetiredModelVersion().Evaluate(snapshot));

        Assert.Equal(RuleOutcome.Fail, retired.Outcome);
        Assert.Equal("catalogue " + ModelRetirementCatalog.Version, retired.Evidence["source"]);
        Assert.Equal("Models API (swedencentral, 2026-11-21) does not list this version", retired.Evidence["liveData"]);
    }

    [Fact]
    public void An_unread_location_falls_back_to_the_catalogue_and_a_passed_schedule_stays_unknown()
    {
        // Models listed for another location only: the deployment's own location was not read.
        var snapshot = Snapshot("o3-mini", "2025-01-31", "GlobalStandard", """
            [{"model":{"format":"OpenAI","name":"o3-mini","version":"2025-01-31","lifecycleStatus":"GenerallyAvailable","deprecation":{"inference":"2027-12-01T00:00:00Z"}}}]
            """, modelsLocation: "westeurope");

        var retired = Assert.Single(new DeploymentRetiredModelVersion().Evaluate(snapshot));

        Assert.Equal(RuleOutcome.Unknown, retired.Outcome);
        Assert.Contains("Models API not read for swedencentral", retired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_listed_once_per_account_kind_merge_and_locations_fold_their_spelling()
    {
        var builder = new ModelLifecycleIndexBuilder().LocationRead("Sweden Central", ReadAt);
        using var items = JsonDocument.Parse("""
            [{"kind":"OpenAI","model":{"format":"OpenAI","name":"dall-e-3","version":"3.0","lifecycleStatus":"GenerallyAvailable","skus":[{"name":"Standard"}]}},
             {"kind":"AIServices","model":{"format":"OpenAI","name":"dall-e-3","version":"3.0","lifecycleStatus":"Deprecating","deprecation":{"inference":"2026-12-01T00:00:00Z"},"skus":[{"name":"Standard","deprecationDate":"not a date"}]}},
             {"kind":"OpenAI","model":{"format":"OpenAI","name":"no-version"}},
             "not an object"]
            """);
        builder.AddList("Sweden Central", items.RootElement);

        var index = builder.Build();
        var entry = index.Find("swedencentral", "openai", "DALL-E-3", "3");

        Assert.NotNull(entry);
        Assert.Equal("Deprecating", entry.LifecycleStatus);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), entry.InferenceDeprecation);
        Assert.Null(Assert.Single(entry.Skus).DeprecationDate);
        Assert.Single(index.Entries);
        Assert.Equal(ReadAt, index.ReadAt("SwedenCentral"));
    }

    private static PostureSnapshot Snapshot(string model, string version, string sku, string modelItems, string modelsLocation = "swedencentral")
    {
        var builder = new AiInventoryBuilder();
        using var account = JsonDocument.Parse(
            "{\"id\":\"" + Account + "\",\"name\":\"oai\",\"type\":\"Microsoft.CognitiveServices/accounts\",\"kind\":\"OpenAI\",\"location\":\"swedencentral\",\"properties\":{}}");
        using var deployment = JsonDocument.Parse(
            "{\"id\":\"" + Account + "/deployments/d\",\"name\":\"d\",\"type\":\"Microsoft.CognitiveServices/accounts/deployments\",\"sku\":{\"name\":\"" + sku + "\",\"capacity\":10},"
            + "\"properties\":{\"model\":{\"format\":\"OpenAI\",\"name\":\"" + model + "\",\"version\":\"" + version + "\"}}}");
        using var items = JsonDocument.Parse(modelItems);
        builder.Add(account.RootElement, "test").Add(deployment.RootElement, "test");
        builder.Models.LocationRead(modelsLocation, ReadAt).AddList(modelsLocation, items.RootElement);
        return new PostureSnapshot { Azure = builder.Build(), EvaluatedAt = RuleFixtures.EvaluatedAt };
    }
}
