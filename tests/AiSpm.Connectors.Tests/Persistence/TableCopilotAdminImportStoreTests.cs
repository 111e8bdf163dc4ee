using System.Text.Json;
using AiSpm.Connectors.Persistence;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Testing;

namespace AiSpm.Connectors.Tests.Persistence;

public sealed class TableCopilotAdminImportStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private static JsonElement Package(int i, string? padding = null) => JsonSerializer.SerializeToElement(new
    {
        id = $"T_{i:D4}",
        displayName = $"Agent {i}",
        type = i % 2 == 0 ? "external" : "microsoft",
        isBlocked = false,
        availableTo = "all",
        shortDescription = padding,
    });

    private static CopilotAdminImport Import(string id, DateTimeOffset at, IReadOnlyList<JsonElement>? packages) => new()
    {
        Id = id,
        ImportedAt = at,
        ImportedBy = "admin@contoso.example",
        ImportedByObjectId = "5b1c1d7e-0000-4000-8000-00000000ad01",
        LimitedMode = JsonSerializer.SerializeToElement(new { isEnabledForGroup = false, groupId = "" }),
        Packages = packages,
        NotRead = packages is null ? ["copilotPackages: 403 refused"] : [],
    };

    [Fact]
    public async Task The_newest_import_comes_back_with_every_package_in_order_whatever_order_they_were_saved_in()
    {
        var store = new TableCopilotAdminImportStore(await azurite.NewTableAsync("imports"));
        Assert.Null(await store.LatestAsync());

        // 250 packages: three transactions of one partition.
        var packages = Enumerable.Range(0, 250).Select(i => Package(i)).ToList();
        await store.SaveAsync(Import("newer", At, packages));
        await store.SaveAsync(Import("older", At.AddDays(-5), null));
        var latest = await store.LatestAsync();

        Assert.NotNull(latest);
        Assert.Equal("newer", latest.Id);
        Assert.Equal(At, latest.ImportedAt);
        Assert.Equal("admin@contoso.example", latest.ImportedBy);
        Assert.Equal(packages.Select(p => p.GetProperty("id").GetString()), latest.Packages!.Select(p => p.GetProperty("id").GetString()));
        Assert.False(latest.LimitedMode!.Value.GetProperty("isEnabledForGroup").GetBoolean());
        Assert.Empty(latest.NotRead);
    }

    [Fact]
    public async Task An_import_without_a_catalogue_keeps_why_and_an_oversized_package_keeps_what_the_checks_read()
    {
        var store = new TableCopilotAdminImportStore(await azurite.NewTableAsync("imports"));
        await store.SaveAsync(Import("partial", At, null));
        var partial = await store.LatestAsync();
        await store.SaveAsync(Import("large", At.AddMinutes(1), [Package(2, new string('x', 70_000))]));
        var large = await store.LatestAsync();

        Assert.Null(partial!.Packages);
        Assert.Equal(["copilotPackages: 403 refused"], partial.NotRead);
        Assert.Equal("403 refused", partial.NotReadReason(CopilotAdminImport.PackagesPart));
        var package = Assert.Single(large!.Packages!);
        Assert.Equal("T_0002", package.GetProperty("id").GetString());
        Assert.Equal("external", package.GetProperty("type").GetString());
        Assert.False(package.TryGetProperty("shortDescription", out _));
    }

    [Fact]
    public async Task An_installation_without_the_table_has_no_import_and_a_damaged_row_leaves_its_part_out()
    {
        var table = await azurite.NewTableAsync("imports");
        Assert.Null(await new TableCopilotAdminImportStore(azurite.Storage.Table(AzuriteFixture.UniqueName("missing"))).LatestAsync());
        var store = new TableCopilotAdminImportStore(table);
        await store.SaveAsync(Import("damaged", At, [Package(1), Package(2)]));
        var header = (await table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "import").ToListAsync()).Single();
        header["LimitedModeJson"] = "{\"isEnabledForGroup\": fal";
        await table.UpdateEntityAsync(header, Azure.ETag.All);
        await table.UpdateEntityAsync(new Azure.Data.Tables.TableEntity("packages-damaged", "000001") { ["Json"] = "not json" }, Azure.ETag.All);

        var damaged = await store.LatestAsync();

        Assert.NotNull(damaged);
        Assert.Null(damaged.LimitedMode);
        Assert.Null(damaged.Packages);
        Assert.NotNull(damaged.NotReadReason(CopilotAdminImport.LimitedModePart));
        Assert.NotNull(damaged.NotReadReason(CopilotAdminImport.PackagesPart));
    }
}
