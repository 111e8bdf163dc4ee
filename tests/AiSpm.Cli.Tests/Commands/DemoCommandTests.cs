using AiSpm.Testing;
using AiSpm.Cli.Commands;

namespace AiSpm.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_scans_the_demo_tenant_through_the_durable_fan_out_and_resolves_the_fixed_finding_after_the_event()
    {
        // As a user runs it into a pipe or a file, from a terminal that supports colour: no escape code may reach the output.
        var folder = Directory.CreateTempSubdirectory("aispm-demo-");
        var info = AispmProcess.StartInfo("demo", "--out", folder.FullName);

        info.Environment["TERM"] = "xterm-256color";
        info.Environment.Remove("NO_COLOR");
        using var demo = System.Diagnostics.Process.Start(info)!;
        var outputTask = demo.StandardOutput.ReadToEndAsync();
        var errorTask = demo.StandardError.ReadToEndAsync();
        await demo.WaitForExitAsync();
        var (exitCode, output, error) = (demo.ExitCode, await outputTask, await errorTask);

        Assert.True(exitCode == ExitCodes.Success, error + output);
        Assert.DoesNotContain('\u001b', output);
        Assert.Matches(@"Approval card for docintel-contoso-prod in the Teams sink; its Approve link shows a confirmation page \(200\), the confirmation answers 200, the same link\s+again 410", output);
        Assert.Matches(@"Rotation \(Approval\) of docintel-contoso-prod: Completed by approval link", output);
        Assert.Matches(@"Rotation \(Auto\) of oai-contoso-prod-swc: Completed by aispm", output);
        Assert.Matches(@"8/8 shards done", output);
        Assert.Matches(@"run scan-\S+ Completed with 8/8 shards", output);
        Assert.Matches(@"Directory|ShadowAi|Permissions", output);
        Assert.Contains("AISPM-1001 on oai-sandbox-playground is now Resolved", output, StringComparison.Ordinal);
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"from its change event alone: AISPM-3001 \(Critical\),\s+the\s+Key2\s+of\s+oai-contoso-prod-swc,\s+rotation\s+Completed", System.Text.RegularExpressions.RegexOptions.Singleline), output);
        Assert.Contains("Audit chain: intact", output, StringComparison.Ordinal);
        Assert.Matches(@"Posture: \d+ open findings", output);
        Assert.Contains("Copilot Studio: 17 findings on 4 agents read app-only from Dataverse", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains("Policy: AiSpm.Default 2026.12 (built-in): 97 of 104 rules ran; AISPM-1004, AISPM-1204, AISPM-1214, AISPM-1215, AISPM-1304, AISPM-1306, AISPM-1308 ('enable if required') run under AiSpm.Strict",
            System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        // The planted attack paths, each with its hops (fixtures/demo-tenant/README.md rows 121-123).
        Assert.Contains("Attack paths", output, StringComparison.Ordinal);
        Assert.Contains("func-contoso-summarizer [AISPM-3001] → oai-contoso-prod-swc [AISPM-1001, AISPM-1002]", output, StringComparison.Ordinal);
        Assert.Contains("HR GPT assistant [AISPM-2002] → app registration of HR GPT assistant [AISPM-2024]", output, StringComparison.Ordinal);
        Assert.Matches(@"megan\.bowen@contoso\.example → IT Ops Agent \[[^\]]*AISPM-2030\]", output);
        Assert.Contains("Defender for Cloud has", output, StringComparison.Ordinal);
        Assert.Matches(@"AISPM-4006\s*│\s*oai-contoso-dev\s*│\s*oai-contoso-dev \[AISPM-1001, AISPM-1002\] → identity of", output);
        Assert.Matches(@"AISPM-4003\s*│\s*srch-contoso-dev\s*│\s*ca-contoso-search-dev \[AISPM-3001\] → srch-contoso-dev \[AISPM-1301, AISPM-1303\]", output);
        Assert.Matches(@"AISPM-4008\s*│\s*IT Ops Agent\s*│\s*Contoso Agent Blueprint \[AISPM-2034\] → IT Ops Agent \[AISPM-2030\]", output);
        Assert.Matches(@"AISPM-4007\s*│\s*mlw-sandbox\s*│\s*mlw-sandbox \[AISPM-1201\] → identity of mlw-sandbox →", output);
        Assert.Matches(@"Teams: \d+ Adaptive Cards posted", output);
        // The grounded RAG chain (rows 133-136): a public container indexed into the index the HR portal answers from.
        Assert.Matches(@"AISPM-4009\s*│\s*app-contoso-hr-portal\s*│\s*container hr-policies \[AISPM-1508\] → data source hr-policies-ds → indexer\s+hr-policies-indexer", output);
        Assert.Matches(@"Data sampling on: \d+ blobs", output);
        Assert.Contains("verified against manifest.json", output, StringComparison.Ordinal);
        // The closing hint, run as the README documents it: the checkout's wrapper script.
        var hint = System.Text.RegularExpressions.Regex.Match(output, @"check it with '\./scripts/aispm verify (?<zip>[^']+)'");
        Assert.True(hint.Success, output);
        var info2 = new System.Diagnostics.ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "scripts", "aispm")) { RedirectStandardOutput = true, RedirectStandardError = true };
        info2.ArgumentList.Add("verify");
        info2.ArgumentList.Add(hint.Groups["zip"].Value.Replace("\n", string.Empty, StringComparison.Ordinal).Trim());
        using (var verify = System.Diagnostics.Process.Start(info2)!)
        {
            var verifyOutput = await verify.StandardOutput.ReadToEndAsync();
            await verify.WaitForExitAsync();
            Assert.True(verify.ExitCode == ExitCodes.Success, verifyOutput + await verify.StandardError.ReadToEndAsync());
        }
        var report = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "report.html"));
        Assert.Contains("<svg", report, StringComparison.Ordinal);
        // Canary: the sampled container's finding names types and masked hints; no planted key, card, IBAN or address
        // of a blob (nor a data source's account key) reaches the console, the report or any file of the evidence.
        using var evidence = System.IO.Compression.ZipFile.OpenRead(Path.Combine(folder.FullName, "evidence.zip"));
        var written = output + report + string.Concat(evidence.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("found.openai-project-key", written, StringComparison.Ordinal);
        Assert.Contains("found.payment-card", written, StringComparison.Ordinal);
        var planted = await PlantedSecrets.InDemoTenantAsync();
        Assert.Contains(planted, p => p.StartsWith("sk-proj-", StringComparison.Ordinal) && !p.Contains("aNyhXHTv", StringComparison.Ordinal)); // the blob's key is in the canary set
        Assert.All(planted, p => Assert.DoesNotContain(PlantedSecrets.Core(p), written, StringComparison.Ordinal));
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_with_a_usage_error()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("frobnicate");

        Assert.NotEqual(ExitCodes.Success, exitCode);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }
}
