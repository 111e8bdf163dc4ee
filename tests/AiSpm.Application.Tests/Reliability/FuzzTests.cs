using System.Text;
using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Application.Scanning;

namespace AiSpm.Application.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of every parser that takes outside input: events, findings queries and
/// ARM documents. Valid samples are mutated (truncation, byte flips, token splices, type swaps, nesting) and random
/// inputs are generated; each parser must either accept the input or refuse it with its documented exception.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 1500;

    private static readonly string[] Seeds =
    [
        """[{"id":"1","topic":"/subscriptions/x","subject":"/subscriptions/x/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a","eventType":"Microsoft.Resources.ResourceWriteSuccess","eventTime":"2026-11-22T04:00:00Z","data":{"resourceUri":"/subscriptions/x/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a","operationName":"Microsoft.CognitiveServices/accounts/write","claims":{"appid":"x"}},"dataVersion":"2","metadataVersion":"1"}]""",
        """{"specversion":"1.0","type":"Microsoft.Resources.ResourceWriteSuccess","source":"/subscriptions/x","id":"2","time":"2026-11-22T04:00:00Z","subject":"/subscriptions/x/resourceGroups/r","data":{"resourceUri":"/subscriptions/x"}}""",
        """{"value":[{"id":"/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a","name":"a","type":"Microsoft.CognitiveServices/accounts","kind":"OpenAI","properties":{"publicNetworkAccess":"Enabled","networkAcls":{"defaultAction":"Allow","ipRules":[{"value":"1.2.3.4"}]},"privateEndpointConnections":[{"properties":{"privateLinkServiceConnectionState":{"status":"Approved"}}}]}}]}""",
    ];

    private static readonly string[] Splices = ["{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "1e999", "\"\\u0000\"", "{\"Data\":", "\\", "\"runId\":", "[[[[[[[[", "NaN"];

    private static IEnumerable<string> Inputs(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var text = Seeds[random.Next(Seeds.Length)];
            switch (random.Next(6))
            {
                case 0:
                    text = text[..random.Next(text.Length + 1)];
                    break;
                case 1:
                    var chars = text.ToCharArray();
                    for (var n = random.Next(1, 6); n > 0; n--)
                    {
                        chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
                    }

                    text = new string(chars);
                    break;
                case 2:
                    var at = random.Next(text.Length);
                    text = text[..at] + Splices[random.Next(Splices.Length)] + text[at..];
                    break;
                case 3:
                    text = text.Replace("\"", random.Next(2) == 0 ? "'" : string.Empty, StringComparison.Ordinal);
                    break;
                case 4:
                    text = string.Concat(Enumerable.Range(0, random.Next(1, 200)).Select(_ => (char)random.Next(0, 0x2FF)));
                    break;
                default:
                    text = new string('[', random.Next(1, 300)) + new string(']', random.Next(0, 300));
                    break;
            }

            yield return text;
        }
    }

    [Fact]
    public void Events_parse_or_are_refused_and_the_filter_never_throws()
    {
        var filter = new ResourceChangeFilter(["self"]);
        foreach (var input in Inputs(3))
        {
            try
            {
                foreach (var incoming in IncomingEvent.ParseMany(BinaryData.FromString(input)))
                {
                    var decision = filter.Decide(incoming.EventType ?? string.Empty, incoming.Subject, incoming.Data);
                    Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
                }
            }
            catch (FormatException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
        }
    }

    [Fact]
    public void Findings_queries_are_accepted_or_refused_with_a_problem_never_thrown()
    {
        var random = new Random(4);
        string[] names = ["severity", "status", "rule", "subscription", "pageSize", "continuationToken", "code", "x", ""];
        string[] values = ["high", "HIGH", "3", "-1", "0", "1001", "open", "Resolved", "AISPM-1001", "'; drop", "6f1c0a00-0000-4000-8000-000000000001", "", "\u0000", new string('a', 5000)];
        for (var i = 0; i < Iterations; i++)
        {
            var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var n = random.Next(0, 5); n > 0; n--)
            {
                query[names[random.Next(names.Length)]] = values[random.Next(values.Length)];
            }

            var parsed = FindingsQueryParser.Parse(query, out var problem);
            Assert.True(parsed is not null ^ problem is not null);
            if (parsed is not null)
            {
                Assert.InRange(parsed.PageSize, 1, 1000);
            }
        }
    }

    [Fact]
    public void Arm_documents_build_an_inventory_or_are_refused_naming_the_source()
    {
        foreach (var input in Inputs(5))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(input);
            }
            catch (JsonException)
            {
                continue; // not JSON at all: the fixture loader refuses it before the builder (tested in the emulator tests)
            }

            using (document)
            {
                try
                {
                    var inventory = new AiInventoryBuilder().AddDocument(document.RootElement, "fuzz.json").Build();
                    _ = AiSpm.Core.Rules.RuleCatalog.BuiltIn.Evaluate(new AiSpm.Core.Rules.PostureSnapshot { Azure = inventory, EvaluatedAt = DateTimeOffset.UnixEpoch })
                        .Where(r => r.Outcome == AiSpm.Core.Rules.RuleOutcome.Error)
                        .Select(r => r.Message)
                        .ToList() is { Count: 0 } ? 0 : throw new InvalidOperationException("a rule failed on a fuzzed document");
                }
                catch (InventoryFormatException ex)
                {
                    Assert.Contains("fuzz.json", ex.Message, StringComparison.Ordinal);
                }
            }
        }
    }
}
