using AiSpm.Application.Remediation.Rotation;
using Microsoft.DurableTask.Client;

namespace AiSpm.Cli.Hosting;

/// <summary>What the local server needs for the rotation routes: their handler, the engine's client, and the options whose link root it fills in.</summary>
/// <param name="Requests">The rotation routes' handler.</param>
/// <param name="Client">The local engine's client.</param>
/// <param name="Options">The rotation options; without a public URL the approval links point at this server.</param>
public sealed record LocalRotations(RotationRequests Requests, DurableTaskClient Client, RotationOptions Options);
