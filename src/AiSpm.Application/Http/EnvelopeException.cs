namespace AiSpm.Application.Http;

/// <summary>An invocation envelope, event or request is malformed; the message names what is wrong.</summary>
public sealed class EnvelopeException(string message) : Exception(message);
