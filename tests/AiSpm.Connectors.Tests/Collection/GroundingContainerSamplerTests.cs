using AiSpm.Cli.Emulation;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Core.DataClassification;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Secrets;
using AiSpm.Emulator;
using AiSpm.Emulator.Hosting;
using AiSpm.Emulator.Storage;
using AiSpm.Testing;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace AiSpm.Connectors.Tests.Collection;

/// <summary>The opt-in data sample on Azurite's Blob service (real data plane, real SDK client), bounded and counted.</summary>
public sealed class GroundingContainerSamplerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Account = AzuriteProcess.DevelopmentAccountName;
    private readonly SecretFingerprinter _fingerprinter = new(new byte[32]);

    private static string ContainerId(string account, string container) =>
        $"/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg-fixture/providers/Microsoft.Storage/storageAccounts/{account}/blobServices/default/containers/{container}";

    private (GroundingContainerSampler Sampler, ArmConnection Counter) Sampler(DataSamplingOptions options)
    {
        var counter = new ArmConnection(new EmulatorCredential(TimeProvider.System));
        var clients = new BlobAccountClients(_ => new BlobServiceClient(azurite.ConnectionString, BlobAccountClients.CountedOptions(counter)));
        return (new GroundingContainerSampler(clients, new ContentClassifier(new SecretScanner(_fingerprinter), new PersonalDataClassifier()), options), counter);
    }

    [Fact]
    public async Task A_container_of_1000_blobs_is_listed_once_and_at_most_the_limit_is_read()
    {
        var name = AzuriteFixture.UniqueName("bulk");
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(name);
        await container.CreateAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await container.GetBlobClient($"doc-{i:D4}.txt").UploadAsync(BinaryData.FromString($"Document {i}. Contact: person{i}@fabrikam.example"), ct));
        var (sampler, counter) = Sampler(new DataSamplingOptions { MaxBlobsPerContainer = 20 });

        var sample = (await sampler.SampleAsync([ContainerId(Account, name)]))[ContainerId(Account, name)];

        Assert.Equal(1000, sample.BlobsListed);
        Assert.False(sample.ListingTruncated);
        Assert.Equal(20, sample.BlobsRead);
        Assert.Equal(1 + 20, counter.Calls[ApiCallKinds.BlobDataPlane]); // one listing page, one read per sampled blob
        Assert.InRange(sample.BytesRead, 20 * 40, 20 * 60);
        var emails = sample.Types["email-address"];
        Assert.Equal(20, emails.Count);
        Assert.Equal(["p…@fabrikam.example"], emails.Hints); // one distinct hint (at most three are kept)
        Assert.Equal(ContainerSample.BlobsPerType, emails.Blobs.Count);
    }

    [Fact]
    public async Task Large_and_binary_blobs_are_skipped_and_the_byte_and_container_budgets_stop_the_sample()
    {
        var name = AzuriteFixture.UniqueName("mixed");
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(name);
        await container.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await container.GetBlobClient($"note-{i}.md").UploadAsync(BinaryData.FromString(new string('n', 300)));
        }

        // Newest first, names breaking ties: the large and the binary blob come before the notes either way.
        await container.GetBlobClient("a-big.txt").UploadAsync(BinaryData.FromString(new string('a', 5000)));
        await container.GetBlobClient("a-photo.png").UploadAsync(BinaryData.FromBytes([0x89, 0x50, 0x4e, 0x47]), new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new() { ContentType = "image/png" } });

        var (sampler, counter) = Sampler(new DataSamplingOptions { MaxBlobBytes = 1000, MaxBytesPerCollection = 700, MaxContainers = 1 });

        var samples = await sampler.SampleAsync([ContainerId(Account, name), ContainerId(Account, name + "x")]);

        var sample = samples[ContainerId(Account, name)];
        Assert.Equal(7, sample.BlobsListed);
        Assert.Equal(1, sample.SkippedTooLarge);
        Assert.Equal(1, sample.SkippedNotText);
        Assert.Equal(2, sample.BlobsRead); // 2 × 300 bytes fit the 700-byte budget, a third does not
        Assert.Equal("the byte limit per scan shard", sample.StoppedBy);
        Assert.Empty(sample.Types);
        Assert.Contains("1 containers", samples[ContainerId(Account, name + "x")].StoppedBy, StringComparison.Ordinal);
        Assert.Equal(1 + 2, counter.Calls[ApiCallKinds.BlobDataPlane]); // nothing for the container past the limit
    }

    [Fact]
    public async Task A_missing_container_is_recorded_as_refused_not_thrown()
    {
        var (sampler, _) = Sampler(new DataSamplingOptions());

        var sample = (await sampler.SampleAsync([ContainerId(Account, "no-such-container")]))[ContainerId(Account, "no-such-container")];

        Assert.Equal(404, sample.RefusedStatus);
        Assert.Equal(0, sample.BlobsRead);
    }

    [Fact]
    public async Task The_demo_tenant_reads_no_blob_with_sampling_off_and_samples_each_container_that_feeds_ai_with_it_on()
    {
        var fixture = FixtureLocator.Resolve("demo-tenant");
        await using var blobs = await AzuriteProcess.StartAsync(accounts: BlobFixtureSeeder.AccountsOf(fixture));
        Assert.Equal(7, await BlobFixtureSeeder.SeedAsync(blobs, fixture));
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = fixture });
        ArmConnection Connect() => new(emulator.Credential, emulator.ArmEndpoint, options: new ArmPipelineOptions { Transport = new HttpClientTransport(emulator.CreateRoutingHandler()) });

        var off = Connect();
        var without = await new AzureAiCollector(off, new AzureAiCollectorOptions { CollectDiagnosticSettings = false }).CollectAsync(await new AzureAiCollector(off).ListSubscriptionsAsync());
        var on = Connect();
        var clients = new BlobAccountClients(account => BlobFixtureSeeder.ClientFor(blobs, account, BlobAccountClients.CountedOptions(on)));
        var sampler = new GroundingContainerSampler(clients, new ContentClassifier(new SecretScanner(_fingerprinter), new PersonalDataClassifier(Connectors.DataClassification.PersonalDataDetectors.All)), new DataSamplingOptions());
        var with = await new AzureAiCollector(on, new AzureAiCollectorOptions { CollectDiagnosticSettings = false, Sampler = sampler }).CollectAsync(await new AzureAiCollector(on).ListSubscriptionsAsync());

        Assert.Equal(0, without.Calls.GetValueOrDefault(ApiCallKinds.BlobDataPlane));
        Assert.All(without.Inventory.OfFamily(AiResourceFamily.GroundingContainer), c => Assert.Null(c.Property("dataSample")));
        // Three containers feed AI: one listing each, then hr-policies' 4 text blobs (not the PNG), training-raw's 1, curated's 1.
        Assert.Equal(3 + 4 + 1 + 1, with.Calls[ApiCallKinds.BlobDataPlane]);
        var hr = with.Inventory.OfFamily(AiResourceFamily.GroundingContainer).Single(c => c.Name == "hr-policies");
        Assert.Equal(["email-address", "iban", "openai-project-key", "payment-card", "phone-number"], hr.Property("dataSample.types")!.Value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("adele.vance", hr.Properties.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111", hr.Properties.GetRawText(), StringComparison.Ordinal);
        var clean = with.Inventory.OfFamily(AiResourceFamily.GroundingContainer).Single(c => c.Name == "curated");
        Assert.Empty(clean.Property("dataSample.types")!.Value.EnumerateObject());
    }

    public void Dispose() => _fingerprinter.Dispose();
}
