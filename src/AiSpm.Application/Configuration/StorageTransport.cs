using Azure.Core;

namespace AiSpm.Application.Configuration;

/// <summary>
/// Adjusts the storage clients' options when registered (development and tests only): for example a transport that
/// injects faults under the SDK, so its retries are exercised.
/// </summary>
/// <param name="Configure">Applied to the Table and Queue client options after AiSpm's retry settings.</param>
public sealed record StorageTransport(Action<ClientOptions> Configure);
