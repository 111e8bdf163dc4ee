using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Arm;

/// <summary>
/// Sends a request through an Azure.Core pipeline and reports every way it can fail as a
/// <see cref="RequestFailedException"/>: an error answer (its status), and a transport that kept failing until the
/// retry policy gave up (status 0; the pipeline throws an <see cref="AggregateException"/> of its attempts then, which
/// the collectors' handlers would not recognise). A connection reset on every attempt to one list is then a coverage
/// record of that list, like a 403, and not the end of the scan.
/// </summary>
internal static class PipelineSending
{
    /// <summary>Sends <paramref name="message"/>; its response is a success when this returns.</summary>
    /// <exception cref="RequestFailedException">An error answer, or no answer after the pipeline's retries.</exception>
    public static async Task SendOrThrowAsync(this HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (AggregateException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var last = ex.InnerExceptions.Count > 0 ? ex.InnerExceptions[^1] : ex;
            throw new RequestFailedException(0, $"{message.Request.Method} {message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path)} got no answer after {ex.InnerExceptions.Count} attempts: {Innermost(last).Message}", ex);
        }

        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex;
    }
}
