using System.Text;
using System.Text.Json.Nodes;
using AiSpm.Connectors.Teams;

namespace AiSpm.Application.Tests.Notifications;

/// <summary>Checks a posted message against the Workflows envelope and the Adaptive Card 1.5 elements AiSpm uses.</summary>
internal static class AdaptiveCardShape
{
    private static readonly string[] KnownElements = ["TextBlock", "FactSet"];
    private static readonly string[] Sizes = ["Small", "Default", "Medium", "Large", "ExtraLarge"];

    public static JsonObject AssertValid(JsonNode? message)
    {
        Assert.NotNull(message);
        Assert.True(Encoding.UTF8.GetByteCount(message.ToJsonString()) <= TeamsLimits.MaxMessageBytes);
        Assert.Equal("message", message["type"]!.GetValue<string>());
        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var body = card["body"]!.AsArray();
        Assert.NotEmpty(body);
        foreach (var element in body)
        {
            var type = element!["type"]!.GetValue<string>();
            Assert.Contains(type, KnownElements);
            if (type == "TextBlock")
            {
                Assert.False(string.IsNullOrEmpty(element["text"]!.GetValue<string>()));
                if (element["size"] is { } size)
                {
                    Assert.Contains(size.GetValue<string>(), Sizes);
                }
            }
            else
            {
                Assert.All(element["facts"]!.AsArray(), f =>
                {
                    Assert.False(string.IsNullOrEmpty(f!["title"]!.GetValue<string>()));
                    Assert.NotNull(f["value"]!.GetValue<string>());
                });
            }
        }

        return card;
    }

    public static string Text(JsonObject card) => string.Join("\n", card["body"]!.AsArray().Select(e => e!.ToJsonString()));
}
